import * as z from "zod";
import { isDisplaySafe, MachineId, noControlsMessage, Sha256 } from "../id/index.ts";

export { MachineId, Sha256 };

export const Label = z.string().trim().min(1).max(200).refine(isDisplaySafe, noControlsMessage);

/** The machine's current file, as shown to admins. */
export const File = z.object({
  uploadId: z.string(),
  filename: z.string(),
  size: z.number().int(),
  sha256: Sha256,
  contentType: z.string(),
  activatedAt: z.string(),
});
export type File = z.infer<typeof File>;

export const Info = z.object({
  machineId: MachineId,
  label: z.string().nullable(),
  createdAt: z.string(),
  file: File.nullable(),
  lastDownloadAt: z.string().nullable(),
  downloadCount: z.number().int(),
});
export type Info = z.infer<typeof Info>;

export const Registration = z.object({
  machineId: MachineId,
  label: Label.optional(),
});
export type Registration = z.infer<typeof Registration>;

export const Credentials = z.object({ machineId: MachineId, token: z.string() });
export type Credentials = z.infer<typeof Credentials>;

/** The current file as stored: what admins see plus where it lives and which stored bytes were verified. */
export const StoredFile = File.extend({ key: z.string(), etag: z.string() });
export type StoredFile = z.infer<typeof StoredFile>;

export const Item = z.object({
  machineId: MachineId,
  label: z.string().nullable(),
  createdAt: z.string(),
  tokenHash: z.string(),
  file: StoredFile.optional(),
  lastDownloadAt: z.string().nullable().optional(),
  downloadCount: z.number().int().optional(),
  /** One registration of the id: uploads carry it, so a re-registered id starts with no history. */
  incarnation: z.string(),
  /** The per-machine clock upload ids are made from (milliseconds, strictly increasing). */
  uploadClock: z.number().int().optional(),
});
export type Item = z.infer<typeof Item>;

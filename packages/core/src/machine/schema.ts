import * as z from "zod";
import { MachineId, Sha256, UploadId } from "../id/index.ts";

export { MachineId, Sha256 };

export const Label = z.string().trim().min(1).max(200);

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

export const DeliveryState = z.enum(["no_file", "waiting", "downloaded", "installed", "failed"]);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const ReportStatus = z.enum(["installed", "failed"]);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** How far the current file got on the machine (CONTRACT §6), as admins see it. */
export const Delivery = z.object({
  uploadId: z.string().nullable(),
  state: DeliveryState,
  downloadedAt: z.string().optional(),
  reportedAt: z.string().optional(),
  message: z.string().optional(),
  exitCode: z.number().int().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * The delivery of the current file as stored on the machine item. The activation write replaces it
 * whole (so a new file starts over as `waiting`); the first 302 sets downloadedAt; a report sets the
 * rest. `reportKey` identifies the report's content (a repeat changes nothing) and `reportSeq` counts
 * the changes (each change's webhook has its own id).
 */
export const StoredDelivery = z.object({
  uploadId: z.string(),
  downloadedAt: z.string().optional(),
  status: ReportStatus.optional(),
  reportedAt: z.string().optional(),
  message: z.string().optional(),
  exitCode: z.number().int().optional(),
  reportKey: z.string().optional(),
  reportSeq: z.number().int().optional(),
});
export type StoredDelivery = z.infer<typeof StoredDelivery>;

/** What a machine reports about one of its uploads (POST /reports). */
export const Report = z.object({
  machineId: MachineId,
  uploadId: UploadId,
  status: ReportStatus,
  message: z
    .string()
    .refine((message) => Buffer.byteLength(message, "utf8") <= 2048, "must be at most 2048 bytes (UTF-8)")
    .optional(),
  exitCode: z.number().int().min(-2147483648).max(4294967295).optional(),
});
export type Report = z.infer<typeof Report>;

export const Info = z.object({
  machineId: MachineId,
  label: z.string().nullable(),
  createdAt: z.string(),
  file: File.nullable(),
  lastDownloadAt: z.string().nullable(),
  downloadCount: z.number().int(),
  lastSeenAt: z.string().nullable(),
  delivery: Delivery,
  stale: z.boolean(),
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
  lastUploadId: z.string().optional(),
  lastSeenAt: z.string().optional(),
  delivery: StoredDelivery.optional(),
  /** The stale episode (the lastSeenAt, or createdAt, it began from) already announced by a webhook. */
  staleAnnounced: z.string().optional(),
});
export type Item = z.infer<typeof Item>;

import * as z from "zod/mini";
import { isDisplaySafe, MachineId, noControlsMessage, Sha256, UploadId } from "../id/index.ts";

export { MachineId, Sha256 };

export const Label = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(200), z.refine(isDisplaySafe, noControlsMessage));

/** The machine's current file, as shown to admins. */
export const File = z.object({
  uploadId: z.string(),
  filename: z.string(),
  size: z.number().check(z.int()),
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
  uploadId: z.nullable(z.string()),
  state: DeliveryState,
  downloadedAt: z.optional(z.string()),
  reportedAt: z.optional(z.string()),
  message: z.optional(z.string()),
  exitCode: z.optional(z.number().check(z.int())),
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
  downloadedAt: z.optional(z.string()),
  status: z.optional(ReportStatus),
  reportedAt: z.optional(z.string()),
  message: z.optional(z.string()),
  exitCode: z.optional(z.number().check(z.int())),
  reportKey: z.optional(z.string()),
  reportSeq: z.optional(z.number().check(z.int())),
});
export type StoredDelivery = z.infer<typeof StoredDelivery>;

/** What a machine reports about one of its uploads (POST /reports). */
export const Report = z.object({
  machineId: MachineId,
  uploadId: UploadId,
  status: ReportStatus,
  message: z.optional(
    z
      .string()
      .check(z.refine((message) => Buffer.byteLength(message, "utf8") <= 2048, "must be at most 2048 bytes (UTF-8)")),
  ),
  exitCode: z.optional(z.number().check(z.int(), z.minimum(-2147483648), z.maximum(4294967295))),
});
export type Report = z.infer<typeof Report>;

export const Info = z.object({
  machineId: MachineId,
  label: z.nullable(z.string()),
  createdAt: z.string(),
  file: z.nullable(File),
  lastDownloadAt: z.nullable(z.string()),
  downloadCount: z.number().check(z.int()),
  lastSeenAt: z.nullable(z.string()),
  delivery: Delivery,
  stale: z.boolean(),
});
export type Info = z.infer<typeof Info>;

export const Registration = z.object({
  machineId: MachineId,
  label: z.optional(Label),
});
export type Registration = z.infer<typeof Registration>;

export const Credentials = z.object({ machineId: MachineId, token: z.string() });
export type Credentials = z.infer<typeof Credentials>;

/** The current file as stored: what admins see plus where it lives and which stored bytes were verified. */
export const StoredFile = z.extend(File, { key: z.string(), etag: z.string() });
export type StoredFile = z.infer<typeof StoredFile>;

export const Item = z.object({
  machineId: MachineId,
  label: z.nullable(z.string()),
  createdAt: z.string(),
  tokenHash: z.string(),
  file: z.optional(StoredFile),
  lastDownloadAt: z.optional(z.nullable(z.string())),
  downloadCount: z.optional(z.number().check(z.int())),
  /** One registration of the id: uploads carry it, so a re-registered id starts with no history. */
  incarnation: z.string(),
  /** The per-machine clock upload ids are made from (milliseconds, strictly increasing). */
  uploadClock: z.optional(z.number().check(z.int())),
  lastSeenAt: z.optional(z.string()),
  delivery: z.optional(StoredDelivery),
  /** The stale episode (the lastSeenAt, or createdAt, it began from) already announced by a webhook. */
  staleAnnounced: z.optional(z.string()),
});
export type Item = z.infer<typeof Item>;

import * as z from "zod/mini";
import { ContentType, isDisplaySafe, MachineId, noControlsMessage, Sha256, UploadId } from "../id/index.ts";

export { ContentType, UploadId };

export const Status = z.enum(["pending", "active", "superseded", "rejected", "expired"]);
export type Status = z.infer<typeof Status>;

export const Filename = z.string().check(
  z.minLength(1),
  z.maxLength(255),
  z.refine(isDisplaySafe, noControlsMessage),
  z.refine((name) => !/[/\\]/.test(name), "must not contain '/' or '\\'"),
  z.refine((name) => name !== "." && name !== "..", "must be a file name"),
);

/** What the admin declares before sending bytes (POST /uploads). */
export const Declaration = z.object({
  machineId: MachineId,
  filename: Filename,
  size: z.number().check(z.int(), z.minimum(1)),
  sha256: Sha256,
  contentType: z.optional(ContentType),
});
export type Declaration = z.infer<typeof Declaration>;

/** The answer to a declaration: where and how to send the bytes. */
export const Intent = z.object({
  uploadId: UploadId,
  machineId: MachineId,
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type Intent = z.infer<typeof Intent>;

export const Upload = z.object({
  uploadId: UploadId,
  machineId: MachineId,
  filename: z.string(),
  size: z.number().check(z.int()),
  sha256: Sha256,
  status: Status,
  reason: z.optional(z.string()),
  createdAt: z.string(),
  activatedAt: z.optional(z.string()),
});
export type Upload = z.infer<typeof Upload>;

/** The stored record: the public view plus what the event handler checks against. */
export const Item = z.extend(Upload, {
  key: z.string(),
  /** The registration of the machine it was declared for. */
  incarnation: z.string(),
  contentType: z.string(),
  expiresAt: z.string(),
});
export type Item = z.infer<typeof Item>;

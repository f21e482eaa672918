/** Step one of an upload: record the intent and sign a POST policy for exactly those bytes. */
import { Config } from "../config/index.ts";
import { FileTooLargeError } from "../error/index.ts";
import * as Machine from "../machine/machine.ts";
import * as ObjectKey from "../object-key/object-key.ts";
import * as Storage from "../storage/storage.ts";
import type { Declaration, Intent } from "./schema.ts";
import * as Store from "./store.ts";

export async function declare(input: Declaration, now: () => Date = () => new Date()): Promise<Intent> {
  if (input.size > Config.maxFileSizeBytes) throw new FileTooLargeError(input.size, Config.maxFileSizeBytes);
  const { uploadId, incarnation } = await Machine.reserveUploadId(input.machineId);
  const key = ObjectKey.forUpload(input.machineId, uploadId, input.filename);
  const contentType = input.contentType ?? "application/octet-stream";
  const createdAt = now();
  const policy = await Storage.uploadPolicy({
    key,
    filename: input.filename,
    size: input.size,
    sha256: input.sha256,
    contentType,
    expiresInSeconds: Config.uploadUrlTtlSeconds,
  });
  await Store.put({
    uploadId,
    machineId: input.machineId,
    filename: input.filename,
    size: input.size,
    sha256: input.sha256,
    contentType,
    key,
    incarnation,
    status: "pending",
    createdAt: createdAt.toISOString(),
    expiresAt: policy.expiresAt,
  });
  return {
    uploadId,
    machineId: input.machineId,
    key,
    url: policy.url,
    fields: policy.fields,
    expiresAt: policy.expiresAt,
  };
}

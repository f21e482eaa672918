/**
 * Helpers for tests that run against the stand-ins (linked by the vitest global setup): unique
 * machines, stored objects and listings through the same S3 client the code uses.
 */
import { createHash, randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Config } from "../config/index.ts";
import { Db } from "../db/index.ts";
import { Machine } from "../machine/index.ts";
import { ObjectKey } from "../object-key/index.ts";
import { s3 } from "../storage/client.ts";
import { Storage } from "../storage/index.ts";
import { keys } from "../table/index.ts";
import { Upload } from "../upload/index.ts";

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export async function newMachine(prefix = "m"): Promise<string> {
  const machineId = `${prefix}-${randomBytes(6).toString("hex")}`;
  await Machine.register({ machineId });
  return machineId;
}

export async function declare(
  machineId: string,
  bytes: Buffer,
  filename = "file.bin",
  now?: () => Date,
): Promise<Upload.Intent> {
  return Upload.declare({ machineId, filename, size: bytes.length, sha256: sha256(bytes) }, now);
}

export interface StoredHeaders {
  contentType?: string;
  contentDisposition?: string;
}

/**
 * Stores bytes under `key`. For a declared upload's key the object gets the declared Content-Type
 * and Content-Disposition, as S3 stores a POST made under the upload's policy, unless `headers`
 * says otherwise.
 */
export async function putObject(key: string, bytes: Buffer, headers?: StoredHeaders): Promise<void> {
  const parsed = ObjectKey.parse(key);
  const upload = parsed && !headers ? await Upload.find(parsed.uploadId) : undefined;
  const stored = headers ?? {
    ...(upload ? { contentType: upload.contentType, contentDisposition: Storage.attachment(upload.filename) } : {}),
  };
  await s3.send(
    new PutObjectCommand({
      Bucket: Config.bucketName,
      Key: key,
      Body: bytes,
      ...(stored.contentType ? { ContentType: stored.contentType } : {}),
      ...(stored.contentDisposition ? { ContentDisposition: stored.contentDisposition } : {}),
    }),
  );
}

export async function keysOf(machineId: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of Storage.list(ObjectKey.machinePrefix(machineId))) keys.push(object.key);
  return keys.sort();
}

/**
 * Moves an upload's recorded expiry to `expiresAt`, as if it had been declared long ago: a
 * declaration takes its expiry from the signed policy, which is always dated by the real clock.
 */
export async function backdate(uploadId: string, expiresAt: Date): Promise<void> {
  await Db.client.send(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.upload(uploadId),
      UpdateExpression: "SET expiresAt = :expiresAt",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":expiresAt": expiresAt.toISOString() },
    }),
  );
}

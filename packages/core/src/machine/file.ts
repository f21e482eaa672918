/**
 * What uploads need of a machine: ordered upload ids, and the single conditional write that makes
 * an upload the machine's current file (or withdraws it).
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Db } from "../db/index.ts";
import { Ulid } from "../id/index.ts";
import { keys } from "../table/index.ts";
import { find, get } from "./registry.ts";
import type { StoredFile } from "./schema.ts";

const { tableName } = Db;

/**
 * Reserves the next upload id of a machine: a ULID strictly greater than every id issued to it
 * before, written with an optimistic condition so concurrent declarations get distinct, ordered
 * ids. Also proves the machine exists.
 */
export async function nextUploadId(machineId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { lastUploadId } = await get(machineId);
    const uploadId = Ulid.after(lastUploadId);
    const reserved = await Db.conditional(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.machine(machineId),
        UpdateExpression: "SET lastUploadId = :next",
        ConditionExpression: lastUploadId
          ? "attribute_exists(pk) AND lastUploadId = :previous"
          : "attribute_exists(pk) AND attribute_not_exists(lastUploadId)",
        ExpressionAttributeValues: { ":next": uploadId, ...(lastUploadId ? { ":previous": lastUploadId } : {}) },
      }),
    );
    if (reserved) return uploadId;
  }
  throw new Error(`Could not reserve an upload id for machine ${machineId}: too much contention.`);
}

export type Activation =
  | { outcome: "activated"; previous?: StoredFile }
  | { outcome: "already-current" }
  | { outcome: "newer-current"; current: StoredFile }
  | { outcome: "machine-missing" };

/**
 * Makes `file` the machine's current file unless the machine already has a later-declared one.
 * One conditional write: whatever order events arrive in, the latest uploadId wins.
 */
export async function activate(machineId: string, file: StoredFile): Promise<Activation> {
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.machine(machineId),
      // A new file starts its delivery over (`waiting`), in the same write.
      UpdateExpression: "SET #file = :file, delivery = :delivery",
      ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(#file) OR #file.uploadId < :uploadId)",
      ExpressionAttributeNames: { "#file": "file" },
      ExpressionAttributeValues: { ":file": file, ":delivery": { uploadId: file.uploadId }, ":uploadId": file.uploadId },
      ReturnValues: "UPDATED_OLD",
    }),
  );
  if (written) {
    const previous = written.attributes?.file as StoredFile | undefined;
    return previous ? { outcome: "activated", previous } : { outcome: "activated" };
  }
  const machine = await find(machineId);
  if (!machine) return { outcome: "machine-missing" };
  if (machine.file?.uploadId === file.uploadId) return { outcome: "already-current" };
  return { outcome: "newer-current", current: machine.file! };
}

/** Clears the current file if it is still `uploadId` (its stored bytes turned out to be bad). */
export async function clearFile(machineId: string, uploadId: string): Promise<void> {
  // False when another upload is current by now: then there is nothing to withdraw.
  await Db.conditional(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.machine(machineId),
      UpdateExpression: "REMOVE #file, delivery",
      ConditionExpression: "#file.uploadId = :uploadId",
      ExpressionAttributeNames: { "#file": "file" },
      ExpressionAttributeValues: { ":uploadId": uploadId },
    }),
  );
}

/**
 * What uploads need of a machine: ordered upload ids, and the single conditional write that makes
 * an upload the machine's current file (or withdraws it).
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Db from "../db/db.ts";
import { MachineNotFoundError } from "../error/index.ts";
import { Ulid } from "../id/index.ts";
import { keys } from "../table/index.ts";
import { find } from "./registry.ts";
import type { StoredFile } from "./schema.ts";

const { tableName } = Db;

export interface Reservation {
  uploadId: string;
  /** The registration the upload belongs to (its history and its removal go by it). */
  incarnation: string;
}

/**
 * Reserves the next upload id of a machine. Ids are ULIDs whose time part is a per-machine clock
 * stored on the machine item, and every reservation moves that clock strictly forward in one atomic
 * write: to this Lambda's `now` when that is later (the common case: ids carry their issue time),
 * else by one millisecond (ADD, which cannot fail). So the clock's values, and with them the ids,
 * follow the order in which DynamoDB applied the writes, whatever the Lambdas' clocks say, and
 * concurrent declarations never retry: at most two single-item writes each. Also proves the machine
 * exists.
 */
export async function reserveUploadId(machineId: string, now: number = Date.now()): Promise<Reservation> {
  const ahead = await Db.conditional(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.machine(machineId),
      UpdateExpression: "SET uploadClock = :now",
      ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(uploadClock) OR uploadClock < :now)",
      ExpressionAttributeValues: { ":now": now },
      ReturnValues: "ALL_NEW",
    }),
  );
  const written =
    ahead ||
    (await Db.conditional(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.machine(machineId),
        UpdateExpression: "ADD uploadClock :one",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":one": 1 },
        ReturnValues: "ALL_NEW",
      }),
    ));
  if (!written) throw new MachineNotFoundError(machineId);
  const { uploadClock, incarnation } = written.attributes as { uploadClock: number; incarnation: string };
  return { uploadId: Ulid.generate(uploadClock), incarnation };
}

export type Activation =
  | { outcome: "activated"; previous?: StoredFile }
  | { outcome: "already-current"; current: StoredFile }
  | { outcome: "newer-current"; current: StoredFile }
  | { outcome: "machine-missing" };

/**
 * Makes `file` the machine's current file unless the machine already has a later-declared one.
 * One conditional write: whatever order events arrive in, the latest uploadId wins.
 */
export async function activate(machineId: string, incarnation: string, file: StoredFile): Promise<Activation> {
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.machine(machineId),
      // A new file starts its delivery over (`waiting`), in the same write.
      UpdateExpression: "SET #file = :file, delivery = :delivery",
      ConditionExpression: "incarnation = :incarnation AND (attribute_not_exists(#file) OR #file.uploadId < :uploadId)",
      ExpressionAttributeNames: { "#file": "file" },
      ExpressionAttributeValues: {
        ":file": file,
        ":delivery": { uploadId: file.uploadId },
        ":uploadId": file.uploadId,
        ":incarnation": incarnation,
      },
      ReturnValues: "UPDATED_OLD",
    }),
  );
  if (written) {
    const previous = written.attributes?.file as StoredFile | undefined;
    return previous ? { outcome: "activated", previous } : { outcome: "activated" };
  }
  const machine = await find(machineId);
  if (machine?.incarnation !== incarnation) return { outcome: "machine-missing" };
  // Stryker disable next-line OptionalChaining: the write failed, so a file was there
  if (machine.file?.uploadId === file.uploadId) return { outcome: "already-current", current: machine.file };
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

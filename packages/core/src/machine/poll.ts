/**
 * The writes of a machine's poll (GET /download), each a single conditional write on the machine
 * item so a poll costs as little as DynamoDB allows (README "Cost model"):
 *   countDownload  a 302: authenticates (tokenHash), requires a file, counts, and sets lastSeenAt,
 *                  lastDownloadAt and the file's first downloadedAt, all in one UpdateItem
 *   touchLastSeen  a 304: lastSeenAt, only when the stored one is older than the resolution
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Db from "../db/db.ts";
import { keys } from "../table/index.ts";
import { Item } from "./schema.ts";

/**
 * Counts a 302 for `machineId` if `tokenHash` is its token's hash and it has a file. Returns the
 * item as it was before the write (its file is the one to serve; no delivery.downloadedAt means
 * this is the file's first download), or false if the condition failed: wrong token, unknown
 * machine, no file, or an item from before delivery tracking (see ensureDelivery).
 */
export async function countDownload(machineId: string, tokenHash: string, now: Date): Promise<Item | false> {
  const at = now.toISOString();
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.machine(machineId),
      UpdateExpression:
        "SET lastDownloadAt = :at, lastSeenAt = :at, delivery.downloadedAt = if_not_exists(delivery.downloadedAt, :at) ADD downloadCount :one",
      ConditionExpression: "tokenHash = :hash AND attribute_exists(#file) AND attribute_exists(delivery)",
      ExpressionAttributeNames: { "#file": "file" },
      ExpressionAttributeValues: { ":at": at, ":one": 1, ":hash": tokenHash },
      ReturnValues: "ALL_OLD",
    }),
  );
  return written ? Item.parse(written.attributes) : false;
}

/** Gives a machine whose file was activated before delivery tracking existed its delivery record. */
export async function ensureDelivery(machineId: string, uploadId: string): Promise<void> {
  await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.machine(machineId),
      UpdateExpression: "SET delivery = :delivery",
      ConditionExpression: "attribute_not_exists(delivery) AND #file.uploadId = :uploadId",
      ExpressionAttributeNames: { "#file": "file" },
      ExpressionAttributeValues: { ":delivery": { uploadId }, ":uploadId": uploadId },
    }),
  );
}

/**
 * Records that the machine was seen, unless the stored lastSeenAt is within `resolutionSeconds` of
 * now (then the write is skipped: a poll a minute costs a read, not a write). True if it wrote.
 */
export async function touchLastSeen(item: Item, now: Date, resolutionSeconds: number): Promise<boolean> {
  const previous = item.lastSeenAt ? Date.parse(item.lastSeenAt) : undefined;
  if (resolutionSeconds > 0 && previous !== undefined && now.getTime() - previous < resolutionSeconds * 1000)
    return false;
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.machine(item.machineId),
      UpdateExpression: "SET lastSeenAt = :at",
      // Never move it backwards (a slower concurrent poll), and never recreate a removed machine.
      ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt < :at)",
      ExpressionAttributeValues: { ":at": now.toISOString() },
    }),
  );
  return written !== false;
}

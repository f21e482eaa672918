/** Upload records in the table, and their status transitions (each a conditional single-item write). */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Db from "../db/db.ts";
import { UploadNotFoundError } from "../error/index.ts";
import { keys } from "../table/index.ts";
import { Item, type Status, Upload } from "./schema.ts";

const { client, tableName } = Db;

/** The public view of an upload record (zod drops the fields only the handler uses). */
export function toUpload(item: Item): Upload {
  return Upload.parse(item);
}

export async function put(item: Item): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.upload(item.uploadId),
        gsi1pk: keys.uploadsOfMachineIndex(item.machineId, item.incarnation),
        gsi1sk: item.uploadId,
        gsi2pk: keys.pendingIndex,
        gsi2sk: item.uploadId,
        ...item,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

export async function find(uploadId: string): Promise<Item | undefined> {
  const out = await client.send(
    new GetCommand({ TableName: tableName, Key: keys.upload(uploadId), ConsistentRead: true }),
  );
  return out.Item ? Item.parse(out.Item) : undefined;
}

export async function get(uploadId: string): Promise<Item> {
  const item = await find(uploadId);
  if (!item) throw new UploadNotFoundError(uploadId);
  return item;
}

/** The newest uploads of this registration of the machine. */
export async function listForMachine(
  machine: { machineId: string; incarnation: string },
  limit: number,
): Promise<Item[]> {
  const hashKey = keys.uploadsOfMachineIndex(machine.machineId, machine.incarnation);
  const page = await Db.queryPage({ index: "gsi1", hashKey, limit, newestFirst: true });
  return page.items.map((raw) => Item.parse(raw));
}

/**
 * Pending upload records as stored, not yet parsed: the sweeper parses each one on its own, so one
 * malformed record cannot stop it from reaching the rest.
 */
export function allPendingRecords(): AsyncGenerator<Record<string, unknown>> {
  return Db.queryAll({ index: "gsi2", hashKey: keys.pendingIndex });
}

/** How many uploads became rejected at or after `since`. */
export async function countRejectedSince(since: Date): Promise<{ count: number; newest: string | undefined }> {
  let count = 0;
  let newest: string | undefined;
  const range = { op: ">=", value: since.toISOString() } as const;
  for await (const raw of Db.queryAll({ index: "gsi2", hashKey: keys.rejectedIndex, range })) {
    count++;
    newest = String(raw.rejectedAt);
  }
  return { count, newest };
}

export async function* allForMachine(machineId: string, incarnation: string): AsyncGenerator<Item> {
  for await (const raw of Db.queryAll({ index: "gsi1", hashKey: keys.uploadsOfMachineIndex(machineId, incarnation) })) {
    yield Item.parse(raw);
  }
}

export async function deleteRecord(uploadId: string): Promise<void> {
  await client.send(new DeleteCommand({ TableName: tableName, Key: keys.upload(uploadId) }));
}

interface Transition {
  /** Uploads only ever leave `pending`. */
  to: Exclude<Status, "pending">;
  from: Status[];
  reason?: string;
  activatedAt?: string;
}

/**
 * Moves an upload to `to` if it is in one of `from`; returns false if it was not (someone else
 * decided first). Leaving `pending` also leaves the sweeper's pending index.
 */
export async function transition(uploadId: string, change: Transition): Promise<boolean> {
  const values: Record<string, unknown> = { ":to": change.to };
  for (const [i, status] of change.from.entries()) values[`:from${i}`] = status;
  const sets = ["#status = :to"];
  if (change.reason !== undefined) {
    sets.push("reason = :reason");
    values[":reason"] = change.reason;
  }
  if (change.activatedAt !== undefined) {
    sets.push("activatedAt = :activatedAt");
    values[":activatedAt"] = change.activatedAt;
  }
  let removes = " REMOVE gsi2pk, gsi2sk";
  if (change.to === "rejected") {
    // Rejections stay listed in gsi2 by time, for GET /fleet's count of the last 24 hours.
    const rejectedAt = new Date().toISOString();
    sets.push("rejectedAt = :rejectedAt", "gsi2pk = :rejectedIndex", "gsi2sk = :rejectedKey");
    Object.assign(values, {
      ":rejectedAt": rejectedAt,
      ":rejectedIndex": keys.rejectedIndex,
      ":rejectedKey": `${rejectedAt}#${uploadId}`,
    });
    removes = "";
  }
  const from = change.from.map((_, i) => `:from${i}`).join(", ");
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.upload(uploadId),
      UpdateExpression: `SET ${sets.join(", ")}${removes}`,
      ConditionExpression: `attribute_exists(pk) AND #status IN (${from})`,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: values,
    }),
  );
  return written !== false;
}

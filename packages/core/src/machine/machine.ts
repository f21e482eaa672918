/**
 * Machines: registration, tokens, listing, removal, and the single conditional write that makes an
 * upload a machine's current file.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Db } from "../db/index.ts";
import { MachineExistsError, MachineNotFoundError, UnauthorizedError } from "../error/index.ts";
import { Ulid } from "../id/index.ts";
import { ObjectKey, Storage } from "../storage/index.ts";
import * as UploadStore from "../upload/store.ts";
import { Token } from "../token/index.ts";
import * as Cursor from "./cursor.ts";
import { File, Item, type Credentials, type Info, type Registration, type StoredFile } from "./schema.ts";

export * from "./schema.ts";

const { client, tableName, keys } = Db;

/** The admin's view of a machine: no token hash, and the file without where it is stored. */
export function toInfo(item: Item): Info {
  return {
    machineId: item.machineId,
    label: item.label,
    createdAt: item.createdAt,
    file: item.file ? File.parse(item.file) : null,
    lastDownloadAt: item.lastDownloadAt ?? null,
    downloadCount: item.downloadCount ?? 0,
  };
}

export async function register(input: Registration): Promise<Credentials> {
  const token = Token.generateMachineToken();
  const item: Item = {
    machineId: input.machineId,
    label: input.label ?? null,
    createdAt: new Date().toISOString(),
    tokenHash: Token.hash(token),
    downloadCount: 0,
  };
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.machine(input.machineId), gsi1pk: keys.machinesIndex, gsi1sk: input.machineId, ...item },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (Db.isConditionFailure(error)) throw new MachineExistsError(input.machineId);
    throw error;
  }
  return { machineId: input.machineId, token };
}

export async function find(machineId: string): Promise<Item | undefined> {
  const out = await client.send(new GetCommand({ TableName: tableName, Key: keys.machine(machineId), ConsistentRead: true }));
  return out.Item ? Item.parse(out.Item) : undefined;
}

export async function get(machineId: string): Promise<Item> {
  const item = await find(machineId);
  if (!item) throw new MachineNotFoundError(machineId);
  return item;
}

export async function list(input: { limit: number; cursor?: string }): Promise<{ machines: Info[]; nextCursor: string | null }> {
  const page = await Db.queryPage({ index: "gsi1", hashKey: keys.machinesIndex, limit: input.limit, startKey: Cursor.decode(input.cursor) });
  return { machines: page.items.map((raw) => toInfo(Item.parse(raw))), nextCursor: Cursor.encode(page.lastKey) };
}

/** Every machine's current object key, for the sweeper. */
export async function currentKeys(): Promise<Set<string>> {
  const found = new Set<string>();
  for await (const raw of Db.queryAll({ index: "gsi1", hashKey: keys.machinesIndex })) {
    const key = Item.parse(raw).file?.key;
    if (key) found.add(key);
  }
  return found;
}

export async function rotateToken(machineId: string): Promise<Credentials> {
  const token = Token.generateMachineToken();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.machine(machineId),
        UpdateExpression: "SET tokenHash = :hash",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":hash": Token.hash(token) },
      }),
    );
  } catch (error) {
    if (Db.isConditionFailure(error)) throw new MachineNotFoundError(machineId);
    throw error;
  }
  return { machineId, token };
}

/** Deletes the machine record (its token dies with it) and returns what it held. */
export async function deleteRecord(machineId: string): Promise<Item> {
  try {
    const out = await client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.machine(machineId),
        ConditionExpression: "attribute_exists(pk)",
        ReturnValues: "ALL_OLD",
      }),
    );
    return Item.parse(out.Attributes);
  } catch (error) {
    if (Db.isConditionFailure(error)) throw new MachineNotFoundError(machineId);
    throw error;
  }
}

/**
 * Removes a machine: its record first (so its token stops working at once), then its objects and
 * its upload history. A crash part-way leaves only objects the sweeper deletes.
 */
export async function remove(machineId: string): Promise<void> {
  await deleteRecord(machineId);
  for await (const object of Storage.list(ObjectKey.machinePrefix(machineId))) await Storage.remove(object.key);
  for await (const upload of UploadStore.allForMachine(machineId)) await UploadStore.deleteRecord(upload.uploadId);
}

// A fixed hash to compare against when the machine does not exist, so an unknown machine costs the
// same work as a wrong token and the two cannot be told apart by timing.
const absentTokenHash = Token.hash("no machine has this token");

/** The machine, if `token` is its token. Every failure is the same UnauthorizedError. */
export async function authenticate(machineId: string, token: string | undefined): Promise<Item> {
  const item = token ? await find(machineId) : undefined;
  const valid = Token.matchesHash(token ?? "", item?.tokenHash ?? absentTokenHash);
  if (!item || !token || !valid) throw new UnauthorizedError();
  return item;
}

export async function recordDownload(machineId: string, at: Date = new Date()): Promise<void> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.machine(machineId),
        UpdateExpression: "SET lastDownloadAt = :at ADD downloadCount :one",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":at": at.toISOString(), ":one": 1 },
      }),
    );
  } catch (error) {
    // Removed between authentication and now: nothing to count.
    if (!Db.isConditionFailure(error)) throw error;
  }
}

/**
 * Reserves the next upload id of a machine: a ULID strictly greater than every id issued to it
 * before, written with an optimistic condition so concurrent declarations get distinct, ordered
 * ids. Also proves the machine exists.
 */
export async function nextUploadId(machineId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const machine = await get(machineId);
    const uploadId = Ulid.after(machine.lastUploadId);
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.machine(machineId),
          UpdateExpression: "SET lastUploadId = :next",
          ConditionExpression: machine.lastUploadId
            ? "attribute_exists(pk) AND lastUploadId = :previous"
            : "attribute_exists(pk) AND attribute_not_exists(lastUploadId)",
          ExpressionAttributeValues: {
            ":next": uploadId,
            ...(machine.lastUploadId ? { ":previous": machine.lastUploadId } : {}),
          },
        }),
      );
      return uploadId;
    } catch (error) {
      if (!Db.isConditionFailure(error)) throw error;
    }
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
  try {
    const out = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.machine(machineId),
        UpdateExpression: "SET #file = :file",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(#file) OR #file.uploadId < :uploadId)",
        ExpressionAttributeNames: { "#file": "file" },
        ExpressionAttributeValues: { ":file": file, ":uploadId": file.uploadId },
        ReturnValues: "UPDATED_OLD",
      }),
    );
    const previous = out.Attributes?.file as StoredFile | undefined;
    return previous ? { outcome: "activated", previous } : { outcome: "activated" };
  } catch (error) {
    if (!Db.isConditionFailure(error)) throw error;
  }
  const machine = await find(machineId);
  if (!machine) return { outcome: "machine-missing" };
  if (machine.file?.uploadId === file.uploadId) return { outcome: "already-current" };
  return { outcome: "newer-current", current: machine.file! };
}

/** Clears the current file if it is still `uploadId` (its stored bytes turned out to be bad). */
export async function clearFile(machineId: string, uploadId: string): Promise<void> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.machine(machineId),
        UpdateExpression: "REMOVE #file",
        ConditionExpression: "#file.uploadId = :uploadId",
        ExpressionAttributeNames: { "#file": "file" },
        ExpressionAttributeValues: { ":uploadId": uploadId },
      }),
    );
  } catch (error) {
    if (!Db.isConditionFailure(error)) throw error;
  }
}

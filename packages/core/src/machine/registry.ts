/** The machine records: registration, lookup, listing, download counts and deletion. */
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Config } from "../config/index.ts";
import * as Db from "../db/db.ts";
import { MachineExistsError, MachineNotFoundError } from "../error/index.ts";
import { Ulid } from "../id/index.ts";
import { keys } from "../table/index.ts";
import * as Token from "../token/token.ts";
import { deliveryOf, isStale } from "./delivery.ts";
import { type Credentials, File, type Info, Item, type Registration } from "./schema.ts";

const { client, tableName } = Db;

/** The admin's view of a machine: no token hash, and the file without where it is stored. */
export function toInfo(item: Item, now: Date = new Date()): Info {
  return {
    machineId: item.machineId,
    label: item.label,
    createdAt: item.createdAt,
    file: item.file ? File.parse(item.file) : null,
    lastDownloadAt: item.lastDownloadAt ?? null,
    downloadCount: item.downloadCount ?? 0,
    lastSeenAt: item.lastSeenAt ?? null,
    delivery: deliveryOf(item),
    stale: isStale(item.lastSeenAt, now, Config.staleAfterSeconds),
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
    incarnation: Ulid.generate(),
  };
  const written = await Db.conditional(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.machine(input.machineId), gsi1pk: keys.machinesIndex, gsi1sk: input.machineId, ...item },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  if (!written) throw new MachineExistsError(input.machineId);
  return { machineId: input.machineId, token };
}

export async function find(machineId: string): Promise<Item | undefined> {
  const out = await client.send(
    // Stryker disable next-line BooleanLiteral: dynalite always reads consistently; DynamoDB does not
    new GetCommand({ TableName: tableName, Key: keys.machine(machineId), ConsistentRead: true }),
  );
  return out.Item ? Item.parse(out.Item) : undefined;
}

export async function get(machineId: string): Promise<Item> {
  const item = await find(machineId);
  if (!item) throw new MachineNotFoundError(machineId);
  return item;
}

/** Every machine, in id order. */
export async function* all(): AsyncGenerator<Item> {
  for await (const raw of Db.queryAll({ index: "gsi1", hashKey: keys.machinesIndex })) yield Item.parse(raw);
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

/**
 * Deletes the machine record (its token dies with it) if it is still that registration; false if
 * it is not there (any more). Its objects and upload history are removed above this, by Fleet.
 */
export async function deleteRecord(machineId: string, incarnation: string): Promise<boolean> {
  const deleted = await Db.conditional(
    new DeleteCommand({
      TableName: tableName,
      Key: keys.machine(machineId),
      ConditionExpression: "incarnation = :incarnation",
      ExpressionAttributeValues: { ":incarnation": incarnation },
    }),
  );
  return deleted !== false;
}

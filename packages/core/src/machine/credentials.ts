/** A machine's token: rotation by the admin, and the check when the machine presents it. */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Db } from "../db/index.ts";
import { MachineNotFoundError, UnauthorizedError } from "../error/index.ts";
import { keys } from "../table/index.ts";
import { Token } from "../token/index.ts";
import { find } from "./registry.ts";
import type { Credentials, Item } from "./schema.ts";

export async function rotateToken(machineId: string): Promise<Credentials> {
  const token = Token.generateMachineToken();
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.machine(machineId),
      UpdateExpression: "SET tokenHash = :hash",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":hash": Token.hash(token) },
    }),
  );
  if (!written) throw new MachineNotFoundError(machineId);
  return { machineId, token };
}

// A fixed hash to compare against when the machine does not exist, so an unknown machine costs the
// same work as a wrong token and the two cannot be told apart by timing.
const absentTokenHash = Token.hash("no machine has this token");

/**
 * Whether `token` is the token of `item` (an unknown machine is undefined), compared in constant
 * time with the same work whether or not the machine exists.
 */
export function verify(item: Item | undefined, token: string | undefined): item is Item {
  const valid = Token.matchesHash(token ?? "", item?.tokenHash ?? absentTokenHash);
  return item !== undefined && token !== undefined && valid;
}

/** The machine, if `token` is its token. Every failure is the same UnauthorizedError. */
export async function authenticate(machineId: string, token: string | undefined): Promise<Item> {
  const item = await find(machineId);
  if (!verify(item, token)) throw new UnauthorizedError();
  return item;
}

/** A machine's token: rotation by the admin, and the check when the machine presents it. */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Db from "../db/db.ts";
import { MachineNotFoundError, UnauthorizedError } from "../error/index.ts";
import { keys } from "../table/index.ts";
import * as Token from "../token/token.ts";
import { find } from "./registry.ts";
import { type Credentials, Item } from "./schema.ts";

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

// When the machine does not exist, a decoy record of a machine with a file stands in for it: it is
// parsed as a found record is, and its hash is compared in constant time, so an unknown machine
// costs the same work as a wrong token for a known one and the two cannot be told apart by timing.
const absentTokenHash = Token.hash("no machine has this token");
const decoy = {
  machineId: "decoy",
  label: null,
  createdAt: new Date(0).toISOString(),
  tokenHash: absentTokenHash,
  incarnation: "0".repeat(26),
  downloadCount: 0,
  file: {
    uploadId: "0".repeat(26),
    filename: "decoy.bin",
    size: 1,
    sha256: "0".repeat(64),
    contentType: "application/octet-stream",
    activatedAt: new Date(0).toISOString(),
    key: `files/decoy/${"0".repeat(26)}.bin`,
    etag: '"0"',
  },
};

/**
 * Whether `token` is the token of `item` (an unknown machine is undefined), compared in constant
 * time with the same work whether or not the machine exists.
 */
export function verify(item: Item | undefined, token: string | undefined): item is Item {
  const compared = item ?? Item.parse(decoy);
  // Stryker disable next-line StringLiteral: an absent token is refused below anyway
  const valid = Token.matchesHash(token ?? "", compared.tokenHash);
  return item !== undefined && token !== undefined && valid;
}

/** The machine, if `token` is its token. Every failure is the same UnauthorizedError. */
export async function authenticate(machineId: string, token: string | undefined): Promise<Item> {
  const item = await find(machineId);
  if (!verify(item, token)) throw new UnauthorizedError();
  return item;
}

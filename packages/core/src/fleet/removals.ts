/**
 * Removal markers: written before a machine's record is deleted and deleted after its last upload
 * is gone, so a removal cut short (a crash, a kill -9, a Lambda timeout) is found and finished by
 * the sweeper. No transactions: each is a single-item write.
 */
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import * as Db from "../db/db.ts";
import { keys } from "../table/index.ts";

export const Removal = z.object({ machineId: z.string(), incarnation: z.string(), startedAt: z.string() });
export type Removal = z.infer<typeof Removal>;

export async function begin(removal: Removal): Promise<void> {
  await Db.client.send(
    new PutCommand({
      TableName: Db.tableName,
      Item: {
        ...keys.removal(removal.machineId, removal.incarnation),
        gsi2pk: keys.removalsIndex,
        // Stryker disable next-line StringLiteral: only orders removals (dynalite takes an empty key)
        gsi2sk: `${removal.machineId}#${removal.incarnation}`,
        ...removal,
      },
    }),
  );
}

export async function end(removal: Removal): Promise<void> {
  await Db.client.send(
    new DeleteCommand({ TableName: Db.tableName, Key: keys.removal(removal.machineId, removal.incarnation) }),
  );
}

/** Removals under way, as stored (parsed one by one by the sweeper). */
export function allRecords(): AsyncGenerator<Record<string, unknown>> {
  return Db.queryAll({ index: "gsi2", hashKey: keys.removalsIndex });
}

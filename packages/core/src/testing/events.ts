/**
 * The webhook events core recorded (the outbox), read back from the table by id. For test files
 * that link WEBHOOK_URL (events are only recorded when it is set) and never drain the outbox.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Db } from "../db/index.ts";
import { keys } from "../table/index.ts";

export async function emitted(id: string): Promise<Record<string, unknown> | undefined> {
  const out = await Db.client.send(
    new GetCommand({ TableName: Db.tableName, Key: keys.outbox(id), ConsistentRead: true }),
  );
  return out.Item ? (JSON.parse(String(out.Item.body)) as Record<string, unknown>) : undefined;
}

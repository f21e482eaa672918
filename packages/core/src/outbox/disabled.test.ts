/** Without WEBHOOK_URL nothing is recorded, and nothing stored is sent (over a private table). */
import { randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { keys } from "../table/index.ts";
import { createPrivateTable, webhookEnvironment } from "../testing/webhooks.ts";

let Outbox: typeof import("./index.ts").Outbox;
let Db: typeof import("../db/index.ts").Db;

beforeAll(async () => {
  const table = await createPrivateTable();
  for (const [name, value] of Object.entries(webhookEnvironment(undefined, table))) vi.stubEnv(name, value);
  vi.resetModules();
  ({ Outbox } = await import("./index.ts"));
  ({ Db } = await import("../db/index.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

test("with no WEBHOOK_URL an event is not recorded, and a drain sends nothing, even what is stored", async () => {
  const id = `upload.activated#m-${randomBytes(4).toString("hex")}#1`;
  const calls: string[] = [];
  const unsubscribe = Outbox.onEmitted(() => calls.push(id));
  await Outbox.emit({ id, event: "upload.activated", machineId: "m", at: new Date().toISOString(), text: "m: hi" });
  unsubscribe();
  expect(calls).toEqual([]);
  const out = await Db.client.send(new GetCommand({ TableName: Db.tableName, Key: keys.outbox(id) }));
  expect(out.Item).toBeUndefined();
  // Left from a time webhooks were on: kept, not sent, until a URL is configured again.
  const item = { ...keys.outbox(id), gsi2pk: keys.outboxIndex, gsi2sk: `2026-01-01T00:00:00.000Z#${id}` };
  await Db.client.send(new PutCommand({ TableName: Db.tableName, Item: { ...item, id, body: "{}", attempts: 0 } }));
  expect(await Outbox.drain()).toEqual({ sent: 0, failed: 0 });
  const kept = await Db.client.send(new GetCommand({ TableName: Db.tableName, Key: keys.outbox(id) }));
  expect(kept.Item).toMatchObject({ attempts: 0, gsi2sk: item.gsi2sk });
});

/**
 * The outbox end to end against a real receiver on loopback and the local DynamoDB: emitting queues
 * an event once, draining POSTs it signed, retries with back-off and gives up after days. The
 * modules are loaded after WEBHOOK_URL and a private table are linked (../testing/webhooks.ts).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { keys } from "../table/index.ts";
import { createPrivateTable, startReceiver, type WebhookReceiver, webhookEnvironment } from "../testing/webhooks.ts";
import type { Event } from "./event.ts";

const secret = "whsec-test-0123456789";
let receiver: WebhookReceiver;
let Outbox: typeof import("./index.ts").Outbox;
let Db: typeof import("../db/index.ts").Db;

beforeAll(async () => {
  receiver = await startReceiver();
  const table = await createPrivateTable();
  for (const [name, value] of Object.entries(webhookEnvironment(receiver, table, secret))) vi.stubEnv(name, value);
  vi.resetModules();
  ({ Outbox } = await import("./index.ts"));
  ({ Db } = await import("../db/index.ts"));
  expect(Db.tableName).toBe(table);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await receiver?.close();
});

beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = () => 200;
});

const event = (name: Event["event"] = "upload.activated"): Event => {
  const machineId = `m-${randomBytes(4).toString("hex")}`;
  return {
    id: `${name}#${machineId}#1`,
    event: name,
    machineId,
    at: "2026-01-01T00:00:00.000Z",
    text: `${machineId}: hi`,
  };
};
/** The outbox item as stored: what an operator finds in the table. */
async function stored(id: string) {
  const { GetCommand } = await import("@aws-sdk/lib-dynamodb");
  const out = await Db.client.send(new GetCommand({ TableName: Db.tableName, Key: keys.outbox(id) }));
  return out.Item!;
}
const epochSeconds = (iso: unknown) => Math.floor(Date.parse(String(iso)) / 1000);
const month = 30 * 24 * 3600;

const later = (ms: number) => () => new Date(Date.now() + ms);
const day = 24 * 3600_000;

test("an emitted event is POSTed once, signed, with its name and id in headers, and then marked sent", async () => {
  const sent = event();
  await Outbox.emit(sent);
  expect(await Outbox.drain()).toEqual({ sent: 1, failed: 0 });
  expect(receiver.received).toHaveLength(1);
  const [{ headers, body }] = receiver.received as [(typeof receiver.received)[0]];
  expect(JSON.parse(body)).toEqual(sent);
  expect(headers["content-type"]).toBe("application/json");
  expect(headers["user-agent"]).toBe("Fleetdrop-Webhook/1");
  expect(headers["x-fleetdrop-event"]).toBe("upload.activated");
  expect(headers["x-fleetdrop-delivery"]).toBe(sent.id);
  expect(headers["x-fleetdrop-signature"]).toBe(Outbox.sign(body, secret));
  const item = await stored(sent.id);
  expect(item).toMatchObject({ attempts: 1, body: JSON.stringify(sent) });
  expect(item).not.toHaveProperty("gsi2pk");
  expect(item).not.toHaveProperty("lastError");
  // Kept 30 days after it was sent, so emitting the same id again stays a no-op that long.
  expect(item.ttl).toBe(epochSeconds(item.sentAt) + month);
  // Sent: neither a later drain nor emitting the same id again sends it again.
  expect(await Outbox.drain(later(10 * day))).toEqual({ sent: 0, failed: 0 });
  await Outbox.emit(sent);
  expect(await Outbox.drain(later(10 * day))).toEqual({ sent: 0, failed: 0 });
  expect(receiver.received).toHaveLength(1);
});

test("each new emission (not a repeat) tells the listeners, until they unsubscribe", async () => {
  const calls: string[] = [];
  const unsubscribe = Outbox.onEmitted(() => calls.push("emitted"));
  const first = event("machine.installed");
  await Outbox.emit(first);
  await Outbox.emit(first);
  await Outbox.emit(first);
  expect(calls).toEqual(["emitted"]);
  unsubscribe();
  await Outbox.emit(event("machine.failed"));
  expect(calls).toEqual(["emitted"]);
  expect(await Outbox.drain()).toEqual({ sent: 2, failed: 0 });
});

test("a refused event is retried after its back-off, not before, and then sent", async () => {
  const refused = event("machine.downloaded");
  receiver.answer = () => 503;
  await Outbox.emit(refused);
  expect(await Outbox.drain()).toEqual({ sent: 0, failed: 1 });
  expect(await stored(refused.id)).toMatchObject({ attempts: 1, lastError: "receiver answered 503" });
  // Due again one second (the first back-off) after the attempt: not yet at +0.5 s.
  expect(await Outbox.drain(later(500))).toEqual({ sent: 0, failed: 0 });
  expect(await Outbox.drain(later(1_500))).toEqual({ sent: 0, failed: 1 });
  // The second back-off is two seconds from that attempt.
  expect(await Outbox.drain(later(2_500))).toEqual({ sent: 0, failed: 0 });
  receiver.answer = () => 200;
  expect(await Outbox.drain(later(4_000))).toEqual({ sent: 1, failed: 0 });
  expect(receiver.received.map((request) => request.event.id)).toEqual([refused.id, refused.id, refused.id]);
  expect(await Outbox.drain(later(day))).toEqual({ sent: 0, failed: 0 });
});

test("an event still refused three days after it was emitted is abandoned", async () => {
  const doomed = event("machine.stale");
  receiver.answer = () => 500;
  await Outbox.emit(doomed);
  expect(await Outbox.drain(later(3 * day - 60_000))).toEqual({ sent: 0, failed: 1 });
  expect(await Outbox.drain(later(3 * day + 60_000))).toEqual({ sent: 0, failed: 1 });
  const item = await stored(doomed.id);
  expect(item).toMatchObject({ attempts: 2, lastError: "receiver answered 500" });
  expect(item).not.toHaveProperty("sentAt");
  expect(item).not.toHaveProperty("gsi2pk");
  expect(item.ttl).toBe(epochSeconds(item.abandonedAt) + month);
  receiver.answer = () => 200;
  expect(await Outbox.drain(later(30 * day))).toEqual({ sent: 0, failed: 0 });
  expect(receiver.received).toHaveLength(2);
});

test("a connection dropped without an answer counts as a failure, and the drain goes on", async () => {
  const dropped = event("upload.rejected");
  const answered = event("upload.activated");
  receiver.answer = (id) => (id === dropped.id ? "drop" : 200);
  await Outbox.emit(dropped);
  await Outbox.emit(answered);
  expect(await Outbox.drain()).toEqual({ sent: 1, failed: 1 });
  expect(String((await stored(dropped.id)).lastError)).toMatch(/^TypeError: /);
  receiver.answer = () => 200;
  expect(await Outbox.drain(later(2_000))).toEqual({ sent: 1, failed: 0 });
  expect(receiver.received.map((request) => request.event.id).sort()).toEqual(
    [dropped.id, answered.id, dropped.id].sort(),
  );
});

test("a drain sends every due event, batch after batch, and an answer without a body is a success", async () => {
  receiver.answer = () => 204;
  const events = Array.from({ length: 30 }, () => event());
  for (const queued of events) await Outbox.emit(queued);
  expect(await Outbox.drain()).toEqual({ sent: 30, failed: 0 });
  expect(receiver.received.map((request) => request.event.id).sort()).toEqual(events.map((e) => e.id).sort());
});

test("concurrent drains send each event once: an event being sent is leased to its drain", async () => {
  const events = Array.from({ length: 4 }, () => event());
  for (const queued of events) await Outbox.emit(queued);
  const reports = await Promise.all([Outbox.drain(), Outbox.drain(), Outbox.drain()]);
  expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(4);
  for (const report of reports) expect(Object.keys(report).sort()).toEqual(["failed", "sent"]);
  expect(receiver.received).toHaveLength(4);

  // A drain that starts while another waits for the receiver's answer leaves that event alone.
  const slow = event();
  receiver.answer = () => "hold";
  await Outbox.emit(slow);
  const first = Outbox.drain();
  await until(() => receiver.received.length === 5, "the first drain's POST");
  expect(await Outbox.drain(later(5_000))).toEqual({ sent: 0, failed: 0 });
  receiver.release();
  expect(await first).toEqual({ sent: 1, failed: 0 });
  expect(receiver.received).toHaveLength(5);
});

test("an event that cannot even be read is counted as failed, and the others are still sent", async () => {
  const { PutCommand } = await import("@aws-sdk/lib-dynamodb");
  const id = `broken#${randomBytes(4).toString("hex")}`;
  const due = `${new Date(Date.now() - 1000).toISOString()}#${id}`;
  const item = { ...keys.outbox(id), gsi2pk: keys.outboxIndex, gsi2sk: due, id, body: "{not json", attempts: 0 };
  await Db.client.send(
    new PutCommand({ TableName: Db.tableName, Item: { ...item, createdAt: new Date().toISOString() } }),
  );
  await Outbox.emit(event());
  expect(await Outbox.drain()).toEqual({ sent: 1, failed: 1 });
});

/** Waits for `condition`, failing with `what` after 10 s. */
async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

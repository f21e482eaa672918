/**
 * Outbox items: `outbox#<id>` / `outbox`, holding the body to send. While unsent an item is in gsi2
 * under "outbox", sorted by when it is next due (`<ISO time>#<id>`); sending removes it from there
 * and lets DynamoDB's TTL delete it after `keepSentSeconds` (the window in which emitting the same
 * id again stays a no-op).
 */
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Config } from "../config/index.ts";
import * as Db from "../db/db.ts";
import { log } from "../log/index.ts";
import { keys } from "../table/index.ts";
import type { Event } from "./event.ts";

const keepSentSeconds = 30 * 24 * 3600;

export const dueKey = (at: Date, id: string) => `${at.toISOString()}#${id}`;

const listeners = new Set<() => void>();

/** Called after every new emission (the local stack starts a drain); never awaited. */
export function onEmitted(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Records `event` for sending, once per id: emitting the same id again (a redelivered event, a
 * retried request) changes nothing. No-op when no WEBHOOK_URL is configured. Callers emit before
 * the write that would stop the triggering work from being redone, so a crash in between is
 * repaired by the redone work emitting again.
 */
export async function emit(event: Event): Promise<void> {
  if (!Config.webhookUrl) return;
  const now = new Date();
  const written = await Db.conditional(
    new PutCommand({
      TableName: Db.tableName,
      Item: {
        ...keys.outbox(event.id),
        gsi2pk: keys.outboxIndex,
        gsi2sk: dueKey(now, event.id),
        id: event.id,
        body: JSON.stringify(event),
        createdAt: now.toISOString(),
        attempts: 0,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  if (!written) return;
  // Stryker disable next-line StringLiteral,ObjectLiteral,CallExpression: log line only
  log.info("webhook queued", { eventId: event.id, event: event.event });
  for (const listener of listeners) listener();
}

export interface Pending {
  id: string;
  body: string;
  createdAt: string;
  attempts: number;
  due: string;
}

/** Takes an item for one attempt: moves its due time past the attempt, if nobody else did first. */
export async function claim(item: Pending, leaseUntil: Date): Promise<boolean> {
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.outbox(item.id),
      UpdateExpression: "SET gsi2sk = :lease ADD attempts :one",
      ConditionExpression: "gsi2sk = :due",
      ExpressionAttributeValues: { ":lease": dueKey(leaseUntil, item.id), ":due": item.due, ":one": 1 },
    }),
  );
  return written !== false;
}

export async function markSent(id: string, now: Date): Promise<void> {
  await finish(id, now, "sentAt");
}

export async function markAbandoned(id: string, now: Date, error: string): Promise<void> {
  await finish(id, now, "abandonedAt", error);
}

async function finish(id: string, now: Date, field: "sentAt" | "abandonedAt", error?: string): Promise<void> {
  await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.outbox(id),
      UpdateExpression: `SET ${field} = :now, #ttl = :ttl${error ? ", lastError = :error" : ""} REMOVE gsi2pk, gsi2sk`,
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#ttl": "ttl" },
      ExpressionAttributeValues: {
        ":now": now.toISOString(),
        ":ttl": Math.floor(now.getTime() / 1000) + keepSentSeconds,
        ...(error ? { ":error": error } : {}),
      },
    }),
  );
}

export async function reschedule(id: string, at: Date, error: string): Promise<void> {
  await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.outbox(id),
      UpdateExpression: "SET gsi2sk = :due, lastError = :error",
      ConditionExpression: "attribute_exists(gsi2pk)",
      ExpressionAttributeValues: { ":due": dueKey(at, id), ":error": error },
    }),
  );
}

/** Items due by `now`, oldest due first. */
export async function due(now: Date, limit: number): Promise<Pending[]> {
  const page = await Db.queryPage({
    index: "gsi2",
    hashKey: keys.outboxIndex,
    range: { op: "<=", value: `${now.toISOString()}~` },
    limit,
  });
  return page.items.map((raw) => ({
    id: String(raw.id),
    body: String(raw.body),
    createdAt: String(raw.createdAt),
    attempts: Number(raw.attempts ?? 0),
    due: String(raw.gsi2sk),
  }));
}

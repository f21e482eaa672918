/**
 * Sends the outbox's due webhooks: each item is claimed for one attempt (so concurrent drains rarely
 * send the same item twice), POSTed with a timeout, then marked sent, or rescheduled with
 * exponential back-off. An item that still fails after `giveUpAfterMs` is abandoned and logged.
 * At least once: a crash after the POST and before the mark sends it again once its claim lapses.
 */
import { Config } from "../config/index.ts";
import { log } from "../log/index.ts";
import { sign } from "./signature.ts";
import { claim, due, markAbandoned, markSent, type Pending, reschedule } from "./store.ts";

/** Slack, GitHub and the like answer within 10 s or are treated as failed; we wait a little longer. */
const timeoutMs = 15_000;
/** A claimed item becomes due again after this, should its drain die mid-attempt. */
const leaseMs = timeoutMs + 5_000;
const firstRetryMs = 1_000;
const maxRetryMs = 5 * 60_000;
const giveUpAfterMs = 3 * 24 * 3600_000;
const batchSize = 25;
const maxBatches = 8;

export const retryDelayMs = (attempts: number) => Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, attempts - 1));

export interface DrainReport {
  sent: number;
  failed: number;
}

export async function drain(now: () => Date = () => new Date()): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, failed: 0 };
  const url = Config.webhookUrl;
  if (!url) return report;
  const secret = Config.webhookSecret;
  for (let batch = 0; batch < maxBatches; batch++) {
    const items = await due(now(), batchSize);
    const outcomes = await Promise.all(items.map((item) => isolatedAttempt(item, url, secret, now)));
    for (const outcome of outcomes) if (outcome !== "skipped") report[outcome]++;
    // Stryker disable next-line ConditionalExpression: after a short batch another query finds nothing
    if (items.length < batchSize) break;
  }
  // Stryker disable next-line all: only decides whether a log line is written
  if (report.sent + report.failed > 0) log.info("webhooks drained", { ...report });
  return report;
}

/** One event's failure to be claimed or marked is logged with its id and counted; the others go on. */
async function isolatedAttempt(item: Pending, url: string, secret: string | undefined, now: () => Date) {
  try {
    return await attempt(item, url, secret, now);
  } catch (err) {
    // Stryker disable next-line StringLiteral,ObjectLiteral,CallExpression: log line only
    log.error("webhook attempt failed, going on with the next", { eventId: item.id, err });
    return "failed" as const;
  }
}

async function attempt(item: Pending, url: string, secret: string | undefined, now: () => Date) {
  const started = now();
  if (!(await claim(item, new Date(started.getTime() + leaseMs)))) return "skipped" as const;
  const attempts = item.attempts + 1;
  // Stryker disable next-line ObjectLiteral: log fields only
  const eventLog = log.child({ eventId: item.id, attempts });
  const error = await post(url, item, secret);
  if (error === undefined) {
    await markSent(item.id, now());
    return "sent" as const;
  }
  // Stryker disable next-line EqualityOperator: differs only at the exact millisecond of the three days
  if (started.getTime() - Date.parse(item.createdAt) > giveUpAfterMs) {
    await markAbandoned(item.id, now(), error);
    // Stryker disable next-line StringLiteral,ObjectLiteral,CallExpression: log line only
    eventLog.error("webhook abandoned after retrying for days", { error });
  } else {
    await reschedule(item.id, new Date(now().getTime() + retryDelayMs(attempts)), error);
    // Stryker disable next-line StringLiteral,ObjectLiteral,CallExpression: log line only
    eventLog.warn("webhook failed; will retry", { error });
  }
  return "failed" as const;
}

/** POSTs one body; undefined on a 2xx, else what went wrong. */
async function post(url: string, item: Pending, secret: string | undefined): Promise<string | undefined> {
  // Stryker disable next-line StringLiteral: every body emit() writes has its event name
  const event = (JSON.parse(item.body) as { event?: string }).event ?? "";
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Fleetdrop-Webhook/1",
        "X-Fleetdrop-Event": event,
        "X-Fleetdrop-Delivery": item.id,
        ...(secret ? { "X-Fleetdrop-Signature": sign(item.body, secret) } : {}),
      },
      body: item.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `receiver answered ${response.status}`;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/**
 * The periodic safety net (a scheduled Lambda on AWS, a timer locally). It only ever calls the same
 * idempotent processing the event handler uses, or conditional status changes, so it is safe to run
 * at any time and any number of times, also concurrently with event deliveries.
 */
import { Config } from "../config/index.ts";
import { log } from "../log/index.ts";
import { Machine } from "../machine/index.ts";
import { ObjectKey } from "../object-key/index.ts";
import { Outbox } from "../outbox/index.ts";
import { Storage } from "../storage/index.ts";
import { Upload } from "../upload/index.ts";
import { announceStale } from "./stale.ts";

export interface Report {
  expired: number;
  processed: number;
  /** machine.stale events emitted. */
  staleAnnounced: number;
  /** Webhooks sent and failed by this sweep's drain (the retries of those that failed before). */
  webhooks: Outbox.DrainReport;
}

export async function run(now: Date = new Date()): Promise<Report> {
  const report: Report = { expired: 0, processed: 0, staleAnnounced: 0, webhooks: { sent: 0, failed: 0 } };
  const minAgeMs = Config.sweeperObjectMinAgeSeconds * 1000;
  const isSettled = (lastModified: Date) => now.getTime() - lastModified.getTime() >= minAgeMs;

  // Pending uploads: promote those whose bytes arrived without an event; expire abandoned ones.
  for await (const upload of Upload.allPending()) {
    const object = await Storage.head(upload.key);
    if (object) {
      if (!isSettled(object.lastModified)) continue;
      await Upload.processObject(upload.key);
      report.processed++;
    } else if (now.getTime() > Date.parse(upload.expiresAt) + Config.uploadExpiryGraceSeconds * 1000) {
      const expired = await Upload.transition(upload.uploadId, {
        to: "expired",
        from: ["pending"],
        reason: "No file was uploaded before the upload policy expired.",
      });
      if (expired) report.expired++;
    }
  }

  // Objects no machine's current file references: processing deletes strays and finishes the rest.
  const current = await Machine.currentKeys();
  for await (const object of Storage.list(ObjectKey.prefix)) {
    if (current.has(object.key) || !isSettled(object.lastModified)) continue;
    await Upload.processObject(object.key);
    report.processed++;
  }

  report.staleAnnounced = await announceStale(now);
  report.webhooks = await Outbox.drain();

  log.info("sweep finished", { ...report });
  return report;
}

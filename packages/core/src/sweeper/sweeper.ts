/**
 * The periodic safety net (a scheduled Lambda on AWS, a timer locally). It only ever calls the same
 * idempotent processing the event handler uses, conditional status changes, or the idempotent end
 * of a machine's removal, so it is safe to run at any time and any number of times, also
 * concurrently with event deliveries.
 *
 * Each item (a removal, a pending upload, an object, a machine checked for staleness) is handled on
 * its own: a failure is logged with the item's key and counted in `failed`, and the run goes on with
 * the next item. Each webhook the drain sends is isolated the same way inside the drain.
 */
import { Config } from "../config/index.ts";
import * as Fleet from "../fleet/fleet.ts";
import { log } from "../log/index.ts";
import * as Machine from "../machine/machine.ts";
import * as ObjectKey from "../object-key/object-key.ts";
import * as Outbox from "../outbox/outbox.ts";
import * as Storage from "../storage/storage.ts";
import * as Upload from "../upload/upload.ts";
import { announceStale, type Isolate } from "./stale.ts";

export interface Report {
  expired: number;
  processed: number;
  /** Removals finished, and uploads of removed machines deleted. */
  removed: number;
  failed: number;
  /** machine.stale events emitted. */
  staleAnnounced: number;
  /** Webhooks sent and failed by this sweep's drain (the retries of those that failed before). */
  webhooks: Outbox.DrainReport;
}

export async function run(now: Date = new Date()): Promise<Report> {
  const report: Report = {
    expired: 0,
    processed: 0,
    removed: 0,
    failed: 0,
    staleAnnounced: 0,
    webhooks: { sent: 0, failed: 0 },
  };
  const isolated: Isolate = async (item, work) => {
    try {
      await work();
    } catch (err) {
      report.failed++;
      // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
      log.error("sweep: item failed, going on with the next", { ...item, err });
    }
  };
  // Stryker disable next-line ArrowFunction,ObjectLiteral: what the log says of a failed item
  const idOf = (raw: Record<string, unknown>) => ({ key: raw.key, uploadId: raw.uploadId, machineId: raw.machineId });

  // Removals cut short: finish them (objects and records of that registration, then the marker).
  for await (const raw of Fleet.unfinishedRemovals()) {
    // Stryker disable next-line ObjectLiteral,StringLiteral: what the log says of a failed item or pass
    await isolated({ removal: raw.pk }, async () => {
      await Fleet.finishRemoval(Fleet.parseRemoval(raw));
      report.removed++;
    });
  }

  // Pending uploads: promote those whose bytes arrived without an event; expire abandoned ones;
  // remove those whose machine is gone (declared while it was being removed).
  const machines = new Map<string, Promise<Machine.Item | undefined>>();
  const machineOf = (machineId: string) => {
    // Stryker disable next-line ConditionalExpression: a cache (one read per machine per sweep), not a behaviour
    if (!machines.has(machineId)) machines.set(machineId, Machine.find(machineId));
    return machines.get(machineId)!;
  };
  for await (const raw of Upload.allPendingRecords()) {
    await isolated(idOf(raw), async () => {
      const upload = Upload.Item.parse(raw);
      const machine = await machineOf(upload.machineId);
      if (machine?.incarnation !== upload.incarnation) {
        await Storage.remove(upload.key);
        await Upload.deleteRecord(upload.uploadId);
        // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
        log.warn("sweep: removed an upload of a removed machine", idOf(raw));
        report.removed++;
        return;
      }
      await sweepPending(upload, now, report);
    });
  }

  // Objects no machine's current file references: processing deletes strays and finishes the rest.
  // A listing that fails part-way ends this pass only, with what was done so far kept.
  // Stryker disable next-line ObjectLiteral,StringLiteral: what the log says of a failed item or pass
  await isolated({ key: ObjectKey.prefix }, async () => {
    const current = await Machine.currentKeys();
    for await (const object of Storage.list(ObjectKey.prefix)) {
      if (current.has(object.key) || !isSettled(object.lastModified, now)) continue;
      // Stryker disable next-line ObjectLiteral,StringLiteral: what the log says of a failed item or pass
      await isolated({ key: object.key }, async () => {
        await Upload.processObject(object.key);
        report.processed++;
      });
    }
  });

  // machine.stale events, each machine on its own; a failing machine listing ends this pass only.
  // Stryker disable next-line ObjectLiteral,StringLiteral: what the log says of a failed item or pass
  await isolated({ pass: "stale" }, async () => {
    report.staleAnnounced = await announceStale(now, isolated);
  });
  // Webhooks due again; each event is isolated inside the drain (a failure is counted there).
  // Stryker disable next-line ObjectLiteral,StringLiteral: what the log says of a failed item or pass
  await isolated({ pass: "outbox" }, async () => {
    report.webhooks = await Outbox.drain();
  });

  // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
  log.info("sweep finished", { ...report });
  return report;
}

function isSettled(lastModified: Date, now: Date): boolean {
  return now.getTime() - lastModified.getTime() >= Config.sweeperObjectMinAgeSeconds * 1000;
}

async function sweepPending(upload: Upload.Item, now: Date, report: Report): Promise<void> {
  const object = await Storage.head(upload.key);
  if (object) {
    if (!isSettled(object.lastModified, now)) return;
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

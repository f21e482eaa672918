/**
 * GET /fleet: the whole fleet at a glance. It reads every machine item once (one paged query of the
 * machine index: 10,000 machines of ~1 KB are ~1,250 read units, a few hundredths of a cent) and
 * counts rejections of the last 24 hours from the rejected uploads' time-sorted index, which reads
 * only that window. No counters to keep right under concurrency, so the numbers are exact.
 */
import { Config } from "../config/index.ts";
import * as Machine from "../machine/machine.ts";
import * as Upload from "../upload/upload.ts";

export interface Summary {
  machines: number;
  states: Record<Machine.DeliveryState, number>;
  stale: number;
  rejectedUploads24h: number;
  /** The newest change: a registration, activation, download, report or rejection; null if none. */
  updatedAt: string | null;
}

export async function summary(now: Date = new Date()): Promise<Summary> {
  const states: Summary["states"] = { no_file: 0, waiting: 0, downloaded: 0, installed: 0, failed: 0 };
  let machines = 0;
  let stale = 0;
  let updatedAt: string | undefined;
  const consider = (at: string | null | undefined) => {
    // Stryker disable next-line EqualityOperator: an equal time is the same value
    if (at && (!updatedAt || at > updatedAt)) updatedAt = at;
  };
  for await (const item of Machine.all()) {
    machines++;
    const delivery = Machine.deliveryOf(item);
    states[delivery.state]++;
    if (Machine.isStale(item.lastSeenAt, now, Config.staleAfterSeconds)) stale++;
    for (const at of [item.createdAt, item.file?.activatedAt, item.lastDownloadAt, delivery.reportedAt]) consider(at);
  }
  const rejected = await Upload.countRejectedSince(new Date(now.getTime() - 24 * 3600_000));
  consider(rejected.newest);
  return { machines, states, stale, rejectedUploads24h: rejected.count, updatedAt: updatedAt ?? null };
}

/**
 * Reports are never lost: each is first written to `<target>.fleetdrop-report.json` (atomically,
 * beside the target), then sent, and removed from the file once the API took it. What could not be
 * sent (network, 5xx, 401) stays for the next `fetch`, which sends it first, on a 304 as well.
 * A report the API refuses for good (400, 404, 409) is dropped with a warning: resending cannot help.
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { ApiClient, DeliveryReport } from "../api-client.ts";
import { ApiError } from "../errors.ts";
import { fsyncPath } from "../transfer/fsync.ts";
import { terminalSafe } from "../ui/safe-text.ts";

export function pendingReportsPath(target: string): string {
  return `${target}.fleetdrop-report.json`;
}

export interface FlushResult {
  sent: DeliveryReport[];
  kept: { report: DeliveryReport; reason: string }[];
  dropped: { report: DeliveryReport; reason: string }[];
}

/** Adds a report to the file (replacing an older one on the same upload), then sends everything. */
export async function submitReport(api: ApiClient, target: string, report: DeliveryReport): Promise<FlushResult> {
  const queued = (await readPending(target)).filter((r) => r.uploadId !== report.uploadId);
  await writePending(target, [...queued, report]);
  return flushReports(api, target);
}

/** Sends the reports kept from earlier runs, oldest first; keeps what still cannot be sent. */
export async function flushReports(api: ApiClient, target: string): Promise<FlushResult> {
  const result: FlushResult = { sent: [], kept: [], dropped: [] };
  const queued = await readPending(target);
  if (queued.length === 0) return result;
  for (const report of queued) {
    try {
      await api.report(report);
      result.sent.push(report);
    } catch (error) {
      const reason = (error as Error).message;
      const final = error instanceof ApiError && [400, 404, 409].includes(error.status);
      (final ? result.dropped : result.kept).push({ report, reason });
    }
  }
  await writePending(
    target,
    result.kept.map((k) => k.report),
  );
  return result;
}

async function readPending(target: string): Promise<DeliveryReport[]> {
  const text = await readFile(pendingReportsPath(target), "utf8").catch(() => undefined);
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as { reports?: unknown };
    return Array.isArray(parsed.reports) ? (parsed.reports as DeliveryReport[]) : [];
  } catch {
    return []; // a torn file cannot happen (rename), but a hand-edited one must not stop fetches
  }
}

async function writePending(target: string, reports: DeliveryReport[]): Promise<void> {
  const path = pendingReportsPath(target);
  if (reports.length === 0) {
    await rm(path, { force: true });
    return;
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}`);
  await writeFile(temp, `${JSON.stringify({ reports })}\n`, { mode: 0o600 });
  await fsyncPath(temp);
  await rename(temp, path);
  await fsyncPath(dirname(path));
}

/** One line on stderr for each report not sent now: kept for the next fetch, or dropped. */
export function describeFlush(result: FlushResult): void {
  for (const { report, reason } of result.kept) {
    process.stderr.write(
      `fleetdrop: could not send the ${report.status} report on ${report.uploadId} (${terminalSafe(reason)}); ` +
        "kept for the next fetch.\n",
    );
  }
  for (const { report, reason } of result.dropped) {
    process.stderr.write(
      `fleetdrop: the API refused the ${report.status} report on ${report.uploadId} (${terminalSafe(reason)}); dropped.\n`,
    );
  }
}

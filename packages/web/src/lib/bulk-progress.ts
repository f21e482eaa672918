/** Where a bulk upload stands: each file's state, and the totals the summary shows. */
import type { Upload } from "../api/types.ts";
import type { UploadProgress } from "../upload/run-upload.ts";
import type { Planned } from "./bulk.ts";

export type FileState =
  | { kind: "queued" }
  | { kind: "running"; progress: UploadProgress }
  | { kind: "done"; upload: Upload }
  | { kind: "failed"; message: string }
  | { kind: "cancelled" };

export interface BulkTotals {
  /** Bytes of every planned file. */
  total: number;
  /** Bytes sent so far: a file being verified or done counts whole. */
  sent: number;
  counts: { active: number; rejected: number; failed: number; cancelled: number; other: number; finished: number };
}

export function bulkTotals(
  planned: Planned<{ size: number }>[],
  states: Record<string, FileState | undefined>,
): BulkTotals {
  const total = planned.reduce((sum, item) => sum + item.file.size, 0);
  let sent = 0;
  const counts = { active: 0, rejected: 0, failed: 0, cancelled: 0, other: 0, finished: 0 };
  for (const { file, name } of planned) {
    const state = states[name];
    if (state?.kind === "running" && state.progress.phase === "sending") sent += state.progress.sent;
    if (state?.kind === "running" && state.progress.phase === "verifying") sent += file.size;
    if (state?.kind === "done") {
      sent += file.size;
      counts.finished += 1;
      if (state.upload.status === "active") counts.active += 1;
      else if (state.upload.status === "rejected") counts.rejected += 1;
      else counts.other += 1;
    }
    if (state?.kind === "failed") {
      counts.failed += 1;
      counts.finished += 1;
    }
    if (state?.kind === "cancelled") {
      counts.cancelled += 1;
      counts.finished += 1;
    }
  }
  return { total, sent, counts };
}

import { describe, expect, it } from "vitest";
import type { Upload, UploadStatus } from "../api/types.ts";
import { bulkTotals, type FileState } from "./bulk-progress.ts";

const planned = (sizes: Record<string, number>) =>
  Object.entries(sizes).map(([name, size]) => ({ file: { size }, name, machineId: name }));

const finished = (status: UploadStatus): FileState => ({
  kind: "done",
  upload: { status } as Upload,
});

describe("bulkTotals", () => {
  it("counts bytes sent: partly while sending, whole once verifying or done, none when queued or failed", () => {
    const totals = bulkTotals(planned({ a: 100, b: 200, c: 300, d: 400, e: 500 }), {
      a: { kind: "running", progress: { phase: "sending", sent: 40, total: 100, rate: 1, eta: 60 } },
      b: { kind: "running", progress: { phase: "verifying", uploadId: "u", total: 200 } },
      c: finished("active"),
      d: { kind: "queued" },
      e: { kind: "failed", message: "no" },
    });
    expect(totals.total).toBe(1500);
    expect(totals.sent).toBe(40 + 200 + 300);
  });

  it("sorts finished files by outcome; a done upload neither active nor rejected was superseded", () => {
    const totals = bulkTotals(planned({ a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 }), {
      a: finished("active"),
      b: finished("rejected"),
      c: finished("superseded"),
      d: { kind: "failed", message: "network" },
      e: { kind: "cancelled" },
    });
    expect(totals.counts).toEqual({ active: 1, rejected: 1, failed: 1, cancelled: 1, other: 1, finished: 5 });
  });
});

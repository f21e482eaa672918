import { describe, expect, it } from "vitest";
import type { Machine } from "../api/types.ts";
import { deliveryState, stateBadges, summarize, upToDate } from "./delivery.ts";

const file = {
  uploadId: "u1",
  filename: "a.bin",
  size: 1,
  sha256: "0".repeat(64),
  contentType: "application/octet-stream",
  activatedAt: "2026-11-25T10:00:00.000Z",
};
const machine = (fields: Partial<Machine> = {}): Machine => ({
  machineId: "m",
  label: null,
  createdAt: "2026-11-01T00:00:00.000Z",
  file: null,
  lastDownloadAt: null,
  downloadCount: 0,
  ...fields,
});

describe("deliveryState", () => {
  it("is no_file without a current file", () => {
    expect(deliveryState(machine())).toBe("no_file");
  });

  it("is waiting until the current file is downloaded after it became active", () => {
    expect(deliveryState(machine({ file }))).toBe("waiting");
    expect(deliveryState(machine({ file, lastDownloadAt: "2026-11-25T09:59:59.000Z", downloadCount: 3 }))).toBe(
      "waiting",
    );
    expect(deliveryState(machine({ file, lastDownloadAt: "2026-11-25T10:00:01.000Z", downloadCount: 4 }))).toBe(
      "downloaded",
    );
  });

  it("takes the API's delivery state when it gives one (CONTRACT §6)", () => {
    expect(deliveryState(machine({ file, delivery: { uploadId: "u1", state: "failed" } }))).toBe("failed");
    expect(deliveryState(machine({ file, delivery: { uploadId: "u1", state: "installed" } }))).toBe("installed");
  });

  it("has a badge for every state", () => {
    expect(Object.keys(stateBadges).sort()).toEqual(["downloaded", "failed", "installed", "no_file", "waiting"]);
  });
});

describe("summarize", () => {
  it("counts states and stale machines as GET /fleet does, without the rejected uploads it cannot know", () => {
    const now = new Date("2026-11-25T12:00:00.000Z");
    const summary = summarize(
      [
        machine(),
        machine({ file }),
        machine({ file, lastDownloadAt: "2026-11-25T11:00:00.000Z", stale: true }),
        machine({ file, delivery: { uploadId: "u1", state: "installed" }, stale: false }),
        machine({ file, delivery: { uploadId: "u1", state: "failed" }, stale: true }),
      ],
      now,
    );
    expect(summary).toEqual({
      machines: 5,
      states: { no_file: 1, waiting: 1, downloaded: 1, installed: 1, failed: 1 },
      stale: 2,
      rejectedUploads24h: null,
      updatedAt: now.toISOString(),
    });
    expect(upToDate(summary)).toBe(2);
  });
});

import { expect, test } from "vitest";
import { Machine } from "./index.ts";

const file: Machine.StoredFile = {
  uploadId: "01JCURRENT0000000000000000",
  filename: "a.bin",
  size: 1,
  sha256: "d".repeat(64),
  contentType: "application/octet-stream",
  activatedAt: "2026-01-01T00:00:00.000Z",
  key: "files/m/01JCURRENT0000000000000000.bin",
  etag: '"e"',
};
const uploadId = file.uploadId;

test("the delivery state of the current file, with only the fields it has", () => {
  expect(Machine.deliveryOf({})).toStrictEqual({ uploadId: null, state: "no_file" });
  // Activated before delivery tracking, or a delivery record of an earlier file: not downloaded yet.
  expect(Machine.deliveryOf({ file })).toStrictEqual({ uploadId, state: "waiting" });
  const earlier = { uploadId: "01JEARLIER", downloadedAt: "2026-01-02T00:00:00.000Z", status: "installed" as const };
  expect(Machine.deliveryOf({ file, delivery: earlier })).toStrictEqual({ uploadId, state: "waiting" });
  expect(Machine.deliveryOf({ file, delivery: { uploadId } })).toStrictEqual({ uploadId, state: "waiting" });
  const downloadedAt = "2026-01-02T00:00:00.000Z";
  expect(Machine.deliveryOf({ file, delivery: { uploadId, downloadedAt } })).toStrictEqual({
    uploadId,
    state: "downloaded",
    downloadedAt,
  });
  const reportedAt = "2026-01-03T00:00:00.000Z";
  const failed = { uploadId, downloadedAt, status: "failed" as const, reportedAt, message: "", exitCode: 0 };
  expect(Machine.deliveryOf({ file, delivery: { ...failed, reportKey: "k", reportSeq: 2 } })).toStrictEqual({
    uploadId,
    state: "failed",
    downloadedAt,
    reportedAt,
    message: "",
    exitCode: 0,
  });
  // A report can come without a download the server saw (the file reached the machine another way).
  expect(Machine.deliveryOf({ file, delivery: { uploadId, status: "installed", reportedAt } })).toStrictEqual({
    uploadId,
    state: "installed",
    reportedAt,
  });
});

test("stale: never seen, or last seen longer ago than the threshold; exactly at the threshold is not stale", () => {
  const now = new Date("2026-01-02T00:00:00.000Z");
  expect(Machine.isStale(undefined, now, 3600)).toBe(true);
  expect(Machine.isStale(null, now, 3600)).toBe(true);
  expect(Machine.isStale("2026-01-01T22:59:59.999Z", now, 3600)).toBe(true);
  expect(Machine.isStale("2026-01-01T23:00:00.000Z", now, 3600)).toBe(false);
  expect(Machine.isStale("2026-01-01T23:30:00.000Z", now, 3600)).toBe(false);
  expect(Machine.staleCutoff(now, 3600)).toBe("2026-01-01T23:00:00.000Z");
});

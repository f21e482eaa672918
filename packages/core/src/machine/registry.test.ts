import { expect, test } from "vitest";
import { Config } from "../config/index.ts";
import { newMachine } from "../testing/index.ts";
import { Machine } from "./index.ts";

const now = new Date("2026-03-01T12:00:00.000Z");
const file: Machine.StoredFile = {
  uploadId: "01JABCDEFGHJKMNPQRSTVWXYZ0",
  filename: "fw.bin",
  size: 12,
  sha256: "b".repeat(64),
  contentType: "application/octet-stream",
  activatedAt: "2026-02-28T10:00:00.000Z",
  key: "files/press-1/01JABCDEFGHJKMNPQRSTVWXYZ0.bin",
  etag: '"abc"',
};
const base: Machine.Item = {
  machineId: "press-1",
  label: "Press 1",
  createdAt: "2026-02-01T00:00:00.000Z",
  tokenHash: "secret-hash",
  incarnation: "01JINCARNATION000000000000",
};

test("the admin's view of a machine never seen: nulls and zero, no file, stale", () => {
  expect(Machine.toInfo({ ...base }, now)).toEqual({
    machineId: "press-1",
    label: "Press 1",
    createdAt: "2026-02-01T00:00:00.000Z",
    file: null,
    lastDownloadAt: null,
    downloadCount: 0,
    lastSeenAt: null,
    delivery: { uploadId: null, state: "no_file" },
    stale: true,
  });
});

test("the admin's view of a busy machine shows its counts and its file, without the token hash or the key", () => {
  const lastSeenAt = new Date(now.getTime() - (Config.staleAfterSeconds - 1) * 1000).toISOString();
  const item: Machine.Item = {
    ...base,
    file,
    lastDownloadAt: "2026-03-01T11:00:00.000Z",
    downloadCount: 7,
    lastSeenAt,
    delivery: { uploadId: file.uploadId, downloadedAt: "2026-02-28T11:00:00.000Z" },
  };
  const info = Machine.toInfo(item, now);
  expect(info).toEqual({
    machineId: "press-1",
    label: "Press 1",
    createdAt: "2026-02-01T00:00:00.000Z",
    file: {
      uploadId: file.uploadId,
      filename: "fw.bin",
      size: 12,
      sha256: "b".repeat(64),
      contentType: "application/octet-stream",
      activatedAt: "2026-02-28T10:00:00.000Z",
    },
    lastDownloadAt: "2026-03-01T11:00:00.000Z",
    downloadCount: 7,
    lastSeenAt,
    delivery: { uploadId: file.uploadId, state: "downloaded", downloadedAt: "2026-02-28T11:00:00.000Z" },
    stale: false,
  });
  expect(JSON.stringify(info)).not.toContain("secret-hash");
});

test("the sweeper's set of current keys holds every machine's file key and nothing for machines without one", async () => {
  const withFile = await newMachine("keys");
  await newMachine("keys");
  const { uploadId, incarnation } = await Machine.reserveUploadId(withFile);
  const key = `files/${withFile}/${uploadId}.bin`;
  await Machine.activate(withFile, incarnation, { ...file, uploadId, key });
  const keys = await Machine.currentKeys();
  expect(keys.has(key)).toBe(true);
  expect([...keys].filter((value) => typeof value !== "string" || value === "")).toEqual([]);
});

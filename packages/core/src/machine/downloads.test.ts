import { expect, test } from "vitest";
import { Db } from "../db/index.ts";
import { InvalidCursorError } from "../error/index.ts";
import { keys } from "../table/index.ts";
import { newMachine } from "../testing/index.ts";
import * as Cursor from "./cursor.ts";
import { Machine } from "./index.ts";

async function owner() {
  const machineId = await newMachine("log");
  const { incarnation } = await Machine.get(machineId);
  return { machineId, incarnation };
}

const entry = (at: string, uploadId = "01JUPLOAD0000000000000000A") => ({
  at,
  uploadId,
  sourceIp: "192.0.2.7",
  userAgent: "fleetdrop-agent/1",
});

test("the download log reads newest first, a page at a time, and keeps two downloads of the same millisecond", async () => {
  const log = await owner();
  const at = ["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-02T00:00:00.000Z"];
  await Machine.recordDownload(log, entry(at[0]!));
  await Machine.recordDownload(log, entry(at[1]!, "01JUPLOAD0000000000000000B"));
  await Machine.recordDownload(log, { ...entry(at[2]!, "01JUPLOAD0000000000000000B"), sourceIp: null });
  const first = await Machine.listDownloads(log, { limit: 2 });
  expect(first.downloads.map((download) => download.at)).toEqual([at[2], at[1]]);
  expect(first.nextCursor).not.toBeNull();
  const second = await Machine.listDownloads(log, { limit: 2, cursor: first.nextCursor! });
  expect(second).toEqual({ downloads: [entry(at[0]!)], nextCursor: null });
  const all = await Machine.listDownloads(log, { limit: 10 });
  expect(all.downloads).toHaveLength(3);
  expect(all.downloads.filter((download) => download.sourceIp === null)).toHaveLength(1);
});

test("each entry is stored to be deleted by DynamoDB 90 days after the download", async () => {
  const log = await owner();
  await Machine.recordDownload(log, entry("2026-01-01T00:00:00.000Z"));
  const page = await Db.queryPage({ index: undefined, hashKey: keys.downloadsOf(log.machineId, log.incarnation) });
  expect(page.items.map((item) => item.ttl)).toEqual([Date.parse("2026-04-01T00:00:00.000Z") / 1000]);
});

test("a cursor of another log, or of another listing, is invalid_cursor", async () => {
  const mine = await owner();
  const theirs = await owner();
  for (const log of [mine, theirs]) {
    for (const day of ["01", "02"]) await Machine.recordDownload(log, entry(`2026-01-${day}T00:00:00.000Z`));
  }
  const { nextCursor } = await Machine.listDownloads(theirs, { limit: 1 });
  await expect(Machine.listDownloads(mine, { limit: 1, cursor: nextCursor! })).rejects.toBeInstanceOf(
    InvalidCursorError,
  );
  const hashKey = keys.downloadsOf(mine.machineId, mine.incarnation);
  const shapes = [{ pk: hashKey }, { pk: hashKey, sk: "x", extra: "y" }, { pk: hashKey, other: "x" }];
  for (const shape of shapes) {
    const cursor = Cursor.encode(shape)!;
    await expect(Machine.listDownloads(mine, { limit: 1, cursor }), JSON.stringify(shape)).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  }
});

test("removing a log deletes every entry of that registration only, and may be repeated", async () => {
  const removed = await owner();
  const kept = await owner();
  for (const log of [removed, kept]) await Machine.recordDownload(log, entry("2026-01-01T00:00:00.000Z"));
  await Machine.removeDownloads(removed);
  await Machine.removeDownloads(removed);
  expect((await Machine.listDownloads(removed, { limit: 10 })).downloads).toEqual([]);
  expect((await Machine.listDownloads(kept, { limit: 10 })).downloads).toHaveLength(1);
});

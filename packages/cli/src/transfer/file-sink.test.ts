import { randomBytes } from "node:crypto";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { FileSink, type PositionalFile } from "./file-sink.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-sink-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A real file whose writes stop short: at most `cap` bytes of the first buffer per call. */
async function shortWritingFile(path: string, cap: number) {
  const handle = await open(path, "w");
  const calls: number[] = [];
  const file: PositionalFile = {
    async writev(buffers, position) {
      const { bytesWritten } = await handle.write(buffers[0]!, 0, Math.min(cap, buffers[0]!.length), position);
      calls.push(bytesWritten);
      return { bytesWritten };
    },
    datasync: () => handle.datasync(),
    truncate: (length) => handle.truncate(length),
  };
  return { file, calls, close: () => handle.close() };
}

test("short writes are continued until every byte is in the file, in order", async () => {
  const path = join(dir, "out.bin");
  const { file, calls, close } = await shortWritingFile(path, 100_000);
  const sink = new FileSink(file);
  const content = randomBytes(3 * 1024 * 1024 + 11);
  for (let at = 0; at < content.length; at += 65_536) await sink.write(content.subarray(at, at + 65_536));
  await sink.finish();
  await close();
  expect(sink.position).toBe(content.length);
  expect(calls.length).toBeGreaterThan(30); // it really wrote short, many times
  expect((await readFile(path)).equals(content)).toBe(true);
});

test("a write that makes no progress fails the sink instead of spinning", async () => {
  const sink = new FileSink({
    writev: async () => ({ bytesWritten: 0 }),
    datasync: async () => undefined,
    truncate: async () => undefined,
  });
  sink.write(randomBytes(2 * 1024 * 1024));
  await expect(sink.drain()).rejects.toThrow(/made no progress/);
});

test("restart empties the file and writes from byte 0 again", async () => {
  const path = join(dir, "again.bin");
  const handle = await open(path, "w");
  const sink = new FileSink(handle);
  await sink.write(randomBytes(3 * 1024 * 1024));
  await sink.restart();
  const second = randomBytes(1000);
  await sink.write(second);
  await sink.finish();
  await handle.close();
  expect((await readFile(path)).equals(second)).toBe(true);
});

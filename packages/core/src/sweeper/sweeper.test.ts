/**
 * The sweeper against the real stand-ins, in a bucket and table of this file's own (it acts on
 * everything stored). Time is driven through `Sweeper.run(now)`: no waiting, no racing timers.
 * The tunables are their defaults: 15 minutes of expiry grace, objects settled after 60 s.
 */
import { randomBytes } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { useIsolatedResources } from "@fleetdrop/testing/isolated-resources";
import { beforeAll, describe, expect, test } from "vitest";

await useIsolatedResources("sweeper");
const { Db } = await import("../db/index.ts");
const { keys } = await import("../table/index.ts");
const { Machine } = await import("../machine/index.ts");
const { Storage } = await import("../storage/index.ts");
const { Upload } = await import("../upload/index.ts");
const { backdate, declare, keysOf, newMachine, putObject } = await import("../testing/index.ts");
const { Sweeper } = await import("./index.ts");

const seconds = (s: number) => s * 1000;
const at = (time: string | number, offsetSeconds: number) =>
  new Date(new Date(time).getTime() + seconds(offsetSeconds));
/**
 * A sweep's report: nothing removed or failed unless said. Its stale announcements and webhook
 * attempts are delivery feedback, counted here but tested in the delivery tests.
 */
const report = (counts: { expired: number; processed: number; removed?: number; failed?: number }) => ({
  removed: 0,
  failed: 0,
  staleAnnounced: expect.any(Number),
  webhooks: { sent: expect.any(Number), failed: expect.any(Number) },
  ...counts,
});
const statusOf = async (uploadId: string) => (await Upload.get(uploadId)).status;

beforeAll(async () => {
  // This table starts empty: a sweep far in the future finds nothing.
  expect(await Sweeper.run(at(Date.now(), 7 * 24 * 3600))).toEqual(report({ expired: 0, processed: 0 }));
});

describe("pending uploads with no bytes", () => {
  test("stay pending past their policy's expiry until the 15-minute grace has passed too, then expire once", async () => {
    const machineId = await newMachine("idle");
    const intent = await declare(machineId, randomBytes(10));
    expect(Date.parse(intent.expiresAt) - Date.now()).toBeLessThanOrEqual(seconds(900));

    for (const offset of [-1, 1, 60, 899, 900]) {
      expect(await Sweeper.run(at(intent.expiresAt, offset)), `${offset} s after expiry`).toEqual(
        report({ expired: 0, processed: 0 }),
      );
      expect(await statusOf(intent.uploadId)).toBe("pending");
    }

    expect(await Sweeper.run(at(intent.expiresAt, 901))).toEqual(report({ expired: 1, processed: 0 }));
    const expired = await Upload.get(intent.uploadId);
    expect(expired.status).toBe("expired");
    expect(expired.reason).toBe("No file was uploaded before the upload policy expired.");

    expect(await Sweeper.run(at(intent.expiresAt, 2000))).toEqual(report({ expired: 0, processed: 0 }));
    expect(await statusOf(intent.uploadId)).toBe("expired");
  });
});

describe("completed uploads whose event never arrived", () => {
  test("are promoted once their object is 60 s old, not before, and only once", async () => {
    const machineId = await newMachine("lost");
    const content = randomBytes(256);
    const intent = await declare(machineId, content);
    await putObject(intent.key, content);
    const stored = (await Storage.head(intent.key))!;

    expect(await Sweeper.run(at(stored.lastModified.getTime(), 59))).toEqual(report({ expired: 0, processed: 0 }));
    expect(await statusOf(intent.uploadId)).toBe("pending");

    expect(await Sweeper.run(at(stored.lastModified.getTime(), 60))).toEqual(report({ expired: 0, processed: 1 }));
    expect(await statusOf(intent.uploadId)).toBe("active");
    expect((await Machine.get(machineId)).file?.uploadId).toBe(intent.uploadId);

    // Even long past its expiry, an upload whose bytes arrived is never expired.
    expect(await Sweeper.run(at(intent.expiresAt, 7200))).toEqual(report({ expired: 0, processed: 0 }));
    expect(await statusOf(intent.uploadId)).toBe("active");
    expect(await keysOf(machineId)).toEqual([intent.key]);
  });

  test("a pending upload whose bytes arrived is not expired, even past expiry plus grace, while unsettled", async () => {
    const machineId = await newMachine("late");
    const content = randomBytes(64);
    const intent = await declare(machineId, content, "late.bin", () => new Date(Date.now() - seconds(3600)));
    // Its policy expired 45 minutes ago: 30 minutes past expiry plus grace.
    await backdate(intent.uploadId, new Date(Date.now() - seconds(2700)));
    await putObject(intent.key, content);
    expect(await Sweeper.run()).toEqual(report({ expired: 0, processed: 0 }));
    expect(await statusOf(intent.uploadId)).toBe("pending");
    expect(await keysOf(machineId)).toEqual([intent.key]);
    // Settled, it is processed: its bytes are the declared ones, so it becomes the machine's file.
    expect(await Sweeper.run(at(Date.now(), 61))).toEqual(report({ expired: 0, processed: 1 }));
    expect(await statusOf(intent.uploadId)).toBe("active");
  });
});

describe("objects no machine's current file references", () => {
  test("under files/ are deleted once settled; the current file and objects elsewhere are kept", async () => {
    const machineId = await newMachine("strays");
    const content = randomBytes(100);
    const intent = await declare(machineId, content);
    await putObject(intent.key, content);
    await Upload.processObject(intent.key);

    const strays = [
      `files/${machineId}/01M87Y9QCM7YA744HME8C4K83V.bin`,
      `files/${machineId}/junk`,
      "files/nobody/x.bin",
    ];
    for (const key of strays) await putObject(key, randomBytes(10));
    await putObject("elsewhere/kept.bin", randomBytes(10));

    expect(await Sweeper.run()).toEqual(report({ expired: 0, processed: 0 }));
    for (const key of strays) expect(await Storage.head(key), key).toBeDefined();

    expect(await Sweeper.run(at(Date.now(), 61))).toEqual(report({ expired: 0, processed: strays.length }));
    for (const key of strays) expect(await Storage.head(key), key).toBeUndefined();
    expect(await keysOf(machineId)).toEqual([intent.key]);
    expect(await Storage.head("elsewhere/kept.bin")).toBeDefined();
    expect(await statusOf(intent.uploadId)).toBe("active");
    await Storage.remove("elsewhere/kept.bin");
  });
});

describe("sweeps concurrent with event deliveries", () => {
  test("converge on the last declared upload, whoever gets to each object first", async () => {
    const machineId = await newMachine("concurrent");
    const intents = [];
    for (let i = 0; i < 4; i++) {
      const content = randomBytes(50 + i);
      const intent = await declare(machineId, content, `v${i}.bin`);
      await putObject(intent.key, content);
      intents.push(intent);
    }
    const later = at(Date.now(), 61);
    await Promise.all([
      Sweeper.run(later),
      ...[...intents].reverse().map((intent) => Upload.processObject(intent.key)),
      Sweeper.run(later),
      ...intents.map((intent) => Upload.processObject(intent.key)),
    ]);

    const winner = intents.at(-1)!;
    expect((await Machine.get(machineId)).file?.uploadId).toBe(winner.uploadId);
    expect(await keysOf(machineId)).toEqual([winner.key]);
    for (const intent of intents.slice(0, -1)) expect(await statusOf(intent.uploadId)).toBe("superseded");
    expect(await statusOf(winner.uploadId)).toBe("active");
    expect(await Sweeper.run(later)).toEqual(report({ expired: 0, processed: 0 }));
  });
});

describe("per-item isolation", () => {
  test("one item that fails is logged and counted, and the rest of the sweep runs", async () => {
    // A pending record that cannot be read (written straight into the table, as a bug or a hand edit
    // might), sorted before every real upload id so that a sweep meets it first.
    const brokenId = `00000000000000${randomBytes(6)
      .toString("hex")
      .toUpperCase()
      .replace(/[ILOU]/g, "0")}`;
    await Db.client.send(
      new PutCommand({
        TableName: Db.tableName,
        Item: {
          ...keys.upload(brokenId),
          gsi2pk: keys.pendingIndex,
          gsi2sk: brokenId,
          uploadId: brokenId,
          size: "big",
        },
      }),
    );
    try {
      // An upload whose machine was removed with its record left behind (a removal cut short).
      const removedId = await newMachine("swept");
      const content = randomBytes(8);
      const orphan = await declare(removedId, content);
      await putObject(orphan.key, content);
      await Machine.deleteRecord(removedId, (await Machine.get(removedId)).incarnation);

      expect(await Sweeper.run()).toEqual(report({ expired: 0, processed: 0, removed: 1, failed: 1 }));

      await expect(Upload.get(orphan.uploadId)).rejects.toThrow(/does not exist/);
      expect(await keysOf(removedId)).toEqual([]);
    } finally {
      await Upload.deleteRecord(brokenId);
    }
  });
});

describe("stale machines without WEBHOOK_URL", () => {
  test("are not announced or marked, so setting WEBHOOK_URL later announces them", async () => {
    const machineId = await newMachine("unwatched");
    const { createdAt } = await Machine.get(machineId);
    expect((await Sweeper.run(at(createdAt, 3 * 24 * 3600))).staleAnnounced).toBe(0);
    expect((await Machine.get(machineId)).staleAnnounced).toBeUndefined();
  });
});

/**
 * machine.stale (CONTRACT §6): once per stale episode, after STALE_AFTER_SECONDS (default 86400)
 * without a poll. Sweeps at chosen times, in a bucket and table of this file's own with WEBHOOK_URL
 * set (events are recorded only then); the events are read back from the outbox.
 */
import { useIsolatedResources } from "@fleetdrop/testing/isolated-resources";
import { expect, test } from "vitest";

await useIsolatedResources("stale", { WEBHOOK_URL: "http://127.0.0.1:9/never-sent" });
const { Machine } = await import("../machine/index.ts");
const { emitted } = await import("../testing/events.ts");
const { declare, newMachine, putObject } = await import("../testing/index.ts");
const { Upload } = await import("../upload/index.ts");
const { Sweeper } = await import("./index.ts");

const day = 86_400_000;
const after = (time: string, ms: number) => new Date(Date.parse(time) + ms);
const announcedAt = async (now: Date) => (await Sweeper.run(now)).staleAnnounced;

test("a machine that never polled is announced once, a day after its registration", async () => {
  const machineId = await newMachine("silent");
  const { createdAt } = await Machine.get(machineId);
  const id = `machine.stale#${machineId}#never-${createdAt}`;

  expect(await announcedAt(after(createdAt, day))).toBe(0);
  expect(await emitted(id)).toBeUndefined();

  const now = after(createdAt, day + 1);
  const report = await Sweeper.run(now);
  expect(report.staleAnnounced).toBe(1);
  // The same sweep's drain tried to send it, and failed: nothing listens at WEBHOOK_URL.
  expect(report.webhooks.sent).toBe(0);
  expect(report.webhooks.failed).toBeGreaterThanOrEqual(1);
  expect(await emitted(id)).toEqual({
    id,
    event: "machine.stale",
    machineId,
    at: now.toISOString(),
    text: `${machineId} has never polled since it was registered at ${createdAt}`,
    lastSeenAt: null,
    staleAfterSeconds: 86400,
  });
  expect(await announcedAt(after(createdAt, 2 * day))).toBe(0);
});

test("a machine that polled is announced a day after its last poll, and again after its next silence", async () => {
  const machineId = await newMachine("quiet");
  const content = Buffer.from("current file");
  const { uploadId, key } = await declare(machineId, content);
  await putObject(key, content);
  expect(await Upload.processObject(key)).toBe("active");
  const seen = new Date(Date.now() + day);
  await Machine.touchLastSeen(await Machine.get(machineId), seen, 0);
  const lastSeenAt = seen.toISOString();

  expect(await announcedAt(after(lastSeenAt, day))).toBe(0);
  const now = after(lastSeenAt, day + 1);
  expect(await announcedAt(now)).toBe(1);
  expect(await emitted(`machine.stale#${machineId}#${lastSeenAt}`)).toEqual({
    id: `machine.stale#${machineId}#${lastSeenAt}`,
    event: "machine.stale",
    machineId,
    uploadId,
    at: now.toISOString(),
    text: `${machineId} has not polled since ${lastSeenAt}`,
    lastSeenAt,
    staleAfterSeconds: 86400,
  });
  expect(await announcedAt(after(lastSeenAt, day + 2))).toBe(0);

  const seenAgain = after(lastSeenAt, 2 * day);
  await Machine.touchLastSeen(await Machine.get(machineId), seenAgain, 0);
  expect(await announcedAt(after(seenAgain.toISOString(), day + 1))).toBe(1);
  expect(await emitted(`machine.stale#${machineId}#${seenAgain.toISOString()}`)).toMatchObject({
    lastSeenAt: seenAgain.toISOString(),
  });
});

/**
 * The scheduled entry point runs a real sweep against the linked resources: this file's own bucket
 * and table (the sweep acts on everything stored), so its report and effects can be checked exactly.
 * Its time rules are tested in core (packages/core/src/sweeper); here, that the entry does the work.
 */
import { randomBytes } from "node:crypto";
import { useIsolatedResources } from "@fleetdrop/testing/isolated-resources";
import type { ScheduledEvent } from "aws-lambda";
import { expect, test } from "vitest";

// Objects count as settled at once, so the sweep needs no waiting.
await useIsolatedResources("sweeper-entry", { SWEEPER_OBJECT_MIN_AGE_SECONDS: "0" });
const { Machine } = await import("@fleetdrop/core/machine");
const { Storage } = await import("@fleetdrop/core/storage");
const { Upload } = await import("@fleetdrop/core/upload");
const { backdate, declare, keysOf, newMachine, putObject } = await import("@fleetdrop/core/testing");
const { handler } = await import("./sweeper.ts");

const scheduledEvent: ScheduledEvent = {
  version: "0",
  id: "cdc73f9d-aea9-11e3-9d5a-835b769c0d9c",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: "2026-11-24T12:00:00Z",
  region: "us-east-1",
  resources: ["arn:aws:events:us-east-1:123456789012:rule/fleetdrop-sweeper"],
  detail: {},
};

test("a scheduled event expires abandoned uploads, promotes unannounced ones and deletes strays", async () => {
  const machineId = await newMachine("entry");
  // Declared two hours ago: its 15-minute policy and the 15-minute grace are both over.
  const abandoned = await declare(machineId, randomBytes(10), "old.bin", () => new Date(Date.now() - 2 * 3600_000));
  await backdate(abandoned.uploadId, new Date(Date.now() - 2 * 3600_000 + 900_000));
  const content = randomBytes(300);
  const unannounced = await declare(machineId, content);
  await putObject(unannounced.key, content);
  const stray = "files/removed-machine/01M87Y9QCM7YA744HME8C4K83V.bin";
  await putObject(stray, randomBytes(10));

  // The report also counts stale announcements and webhook attempts (delivery feedback).
  expect(await handler(scheduledEvent)).toMatchObject({ expired: 1, processed: 2, removed: 0, failed: 0 });

  expect((await Upload.get(abandoned.uploadId)).status).toBe("expired");
  expect((await Upload.get(unannounced.uploadId)).status).toBe("active");
  expect((await Machine.get(machineId)).file?.uploadId).toBe(unannounced.uploadId);
  expect(await Storage.head(stray)).toBeUndefined();
  expect(await keysOf(machineId)).toEqual([unannounced.key]);

  expect(await handler(scheduledEvent)).toMatchObject({
    expired: 0,
    processed: 0,
    removed: 0,
    failed: 0,
    staleAnnounced: 0,
  });
});

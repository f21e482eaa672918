/**
 * Webhooks (CONTRACT §6) against a receiver in the test: every event once per change, signed; a
 * receiver that is down, then up; a stack killed with kill -9 before it could send; a slow receiver.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, type RunningStack, requestDownload, startStack } from "@fleetdrop/testing/harness";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { type Delivery, type Receiver, startReceiver, validSignature } from "./webhook-receiver.ts";

const secret = "webhook-secret-for-tests";
const idsOf = (deliveries: Delivery[]) => deliveries.map((delivery) => delivery.event.id);
const count = (deliveries: Delivery[], id: string) => idsOf(deliveries).filter((seen) => seen === id).length;

function report(stack: RunningStack, token: string, body: unknown) {
  return fetch(`${stack.url}/reports`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

describe("with a receiver", () => {
  let receiver: Receiver;
  let stack: RunningStack;
  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startStack({
      env: {
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET: secret,
        STALE_AFTER_SECONDS: "2",
        FLEETDROP_SWEEP_INTERVAL_SECONDS: "1",
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });
  afterEach(() => {
    receiver.mode = "up";
  });

  test("every event type arrives once per change, signed", async () => {
    const machineId = `hook-${randomBytes(3).toString("hex")}`;
    const token = await stack.registerMachine(machineId);
    const { upload } = await stack.upload(machineId, randomBytes(500), "firmware.bin");
    const { uploadId } = upload;
    await requestDownload(stack.url, machineId, token);
    await requestDownload(stack.url, machineId, token);
    const installed = { machineId, uploadId, status: "installed" };
    expect((await report(stack, token, installed)).status).toBe(204);
    expect((await report(stack, token, installed)).status).toBe(204);
    const failed = { machineId, uploadId, status: "failed", message: "hook exited 3", exitCode: 3 };
    expect((await report(stack, token, failed)).status).toBe(204);
    const content = randomBytes(64);
    const bad = await stack.declare(machineId, content);
    // S3 refuses a POST of other bytes; a write with the bucket's credentials is what gets other bytes there.
    await stack.putOutsideTheFlow(bad.key, randomBytes(64));
    expect((await stack.waitForStatus(bad.uploadId)).status).toBe("rejected");

    const expected = [
      `upload.activated#${uploadId}`,
      `machine.downloaded#${machineId}#${uploadId}`,
      `machine.installed#${machineId}#${uploadId}#1`,
      `machine.failed#${machineId}#${uploadId}#2`,
      `upload.rejected#${bad.uploadId}`,
    ];
    // The machine stops polling: with STALE_AFTER_SECONDS=2 and a sweep every second, it is announced stale.
    const all = await receiver.waitFor(
      (accepted) =>
        expected.every((id) => idsOf(accepted).includes(id)) &&
        accepted.some((d) => d.event.event === "machine.stale" && d.event.machineId === machineId),
      "every event of the machine",
    );
    // Two more sweeps (each drains the outbox) must add no duplicate.
    await stack.api("POST", "/_local/sweep");
    await stack.api("POST", "/_local/sweep");
    const mine = receiver.accepted().filter((d) => d.event.machineId === machineId);
    for (const id of expected) expect(count(mine, id), id).toBe(1);
    expect(mine.filter((d) => d.event.event === "machine.stale")).toHaveLength(1);
    expect(mine.map((d) => d.event.event).sort()).toEqual([
      "machine.downloaded",
      "machine.failed",
      "machine.installed",
      "machine.stale",
      "upload.activated",
      "upload.rejected",
    ]);
    for (const delivery of all.filter((d) => d.event.machineId === machineId)) {
      expect(validSignature(delivery, secret), delivery.event.id).toBe(true);
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.event).toMatchObject({ machineId, at: expect.any(String), text: expect.any(String) });
      expect(Number.isNaN(Date.parse(delivery.event.at))).toBe(false);
    }
    const activated = mine.find((d) => d.event.event === "upload.activated")!.event;
    expect(activated).toMatchObject({ uploadId, filename: "firmware.bin", size: 500 });
    expect(activated.text).toContain("firmware.bin");
    expect(mine.find((d) => d.event.event === "machine.failed")!.event).toMatchObject({
      message: "hook exited 3",
      exitCode: 3,
    });
  });

  test("a receiver that is down for a while gets the event once it is back", async () => {
    receiver.mode = "down";
    const machineId = `down-${randomBytes(3).toString("hex")}`;
    await stack.registerMachine(machineId);
    const { upload } = await stack.upload(machineId, randomBytes(100));
    const id = `upload.activated#${upload.uploadId}`;
    const deadline = Date.now() + 20_000;
    while (receiver.deliveries.filter((d) => d.event.id === id && !d.accepted).length < 2) {
      if (Date.now() > deadline) throw new Error("the down receiver was not retried");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    receiver.mode = "up";
    await receiver.waitFor((accepted) => idsOf(accepted).includes(id), id);
    expect(count(receiver.accepted(), id)).toBe(1);
  });

  test("a slow receiver (10 s) slows neither activation nor /download", async () => {
    receiver.mode = "slow";
    receiver.slowMs = 10_000;
    const machineId = `slow-${randomBytes(3).toString("hex")}`;
    const token = await stack.registerMachine(machineId);
    const started = Date.now();
    const { upload } = await stack.upload(machineId, randomBytes(100));
    expect(upload.status).toBe("active");
    const download = await requestDownload(stack.url, machineId, token);
    expect(download.status).toBe(302);
    const report = await fetch(`${stack.url}/reports`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify({ machineId, uploadId: upload.uploadId, status: "installed" }),
    });
    expect(report.status).toBe(204);
    // All of it returned while the receiver still held its first webhook (it answers after 10 s).
    expect(Date.now() - started).toBeLessThan(receiver.slowMs);
    await receiver.waitFor(
      (accepted) => idsOf(accepted).includes(`upload.activated#${upload.uploadId}`),
      "the slow delivery",
      40_000,
    );
  });
});

test("kill -9 between an activation and its webhook: delivered after the restart", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "fleetdrop-crash-"));
  const port = await freePort();
  // Nothing listens on the webhook URL yet: the stack activates the upload but cannot send.
  const env = { WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_SECRET: secret };
  let stack: RunningStack | undefined = await startStack({ dataDir, env });
  let receiver: Receiver | undefined;
  try {
    const machineId = "crash-1";
    await stack.registerMachine(machineId);
    const { upload } = await stack.upload(machineId, randomBytes(100));
    expect(upload.status).toBe("active");
    await stack.crash();

    receiver = await startReceiver(port);
    stack = await startStack({ dataDir, env });
    const id = `upload.activated#${upload.uploadId}`;
    // If the crash came mid-attempt, the item waits out that attempt's claim (20 s) first.
    const [delivery] = await receiver.waitFor((accepted) => idsOf(accepted).includes(id), id, 90_000);
    expect(validSignature(delivery!, secret)).toBe(true);
    expect(count(receiver.accepted(), id)).toBe(1);
  } finally {
    await stack?.stop();
    await receiver?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 150_000);

/**
 * The webhooks a report sends (CONTRACT §6): machine.installed / machine.failed, one per change of
 * the report, each with its own id, and the report's details. Delivered to a real receiver on
 * loopback; the modules are loaded after WEBHOOK_URL and a private table are linked.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { createPrivateTable, startReceiver, type WebhookReceiver, webhookEnvironment } from "../testing/webhooks.ts";

let receiver: WebhookReceiver;
let modules: {
  Report: typeof import("./index.ts").Report;
  Machine: typeof import("../machine/index.ts").Machine;
  Outbox: typeof import("../outbox/index.ts").Outbox;
  Upload: typeof import("../upload/index.ts").Upload;
  testing: typeof import("../testing/index.ts");
};

beforeAll(async () => {
  receiver = await startReceiver();
  const table = await createPrivateTable();
  for (const [name, value] of Object.entries(webhookEnvironment(receiver, table))) vi.stubEnv(name, value);
  vi.resetModules();
  modules = {
    Report: (await import("./index.ts")).Report,
    Machine: (await import("../machine/index.ts")).Machine,
    Outbox: (await import("../outbox/index.ts")).Outbox,
    Upload: (await import("../upload/index.ts")).Upload,
    testing: await import("../testing/index.ts"),
  };
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await receiver?.close();
});

async function machineWithFile() {
  const { Machine, Upload, testing } = modules;
  const machineId = await testing.newMachine("events");
  const { token } = await Machine.rotateToken(machineId);
  const content = randomBytes(16);
  const intent = await testing.declare(machineId, content, "firmware.bin");
  await testing.putObject(intent.key, content);
  await Upload.processObject(intent.key);
  return { machineId, token, uploadId: intent.uploadId };
}

/** Drains the outbox; the report events delivered for `machineId`, in report order (their ids' last number). */
async function reportEvents(machineId: string) {
  await modules.Outbox.drain();
  const sequence = (event: { id: string }) => Number(event.id.split("#").at(-1));
  // A drain POSTs a batch concurrently, so events arrive in any order.
  return receiver.received
    .map((request) => request.event)
    .filter((event) => event.machineId === machineId && event.event.startsWith("machine."))
    .sort((a, b) => sequence(a) - sequence(b));
}

test("each change of a report is one event with its own id; a repeat sends nothing new", async () => {
  const { Report } = modules;
  const { machineId, token, uploadId } = await machineWithFile();
  const installedAt = new Date("2026-05-01T10:00:00.000Z");
  await Report.submit({ machineId, uploadId, status: "installed" }, token, installedAt);
  await Report.submit({ machineId, uploadId, status: "installed" }, token, new Date("2026-05-01T10:05:00.000Z"));
  const failedAt = new Date("2026-05-01T11:00:00.000Z");
  const failed = { machineId, uploadId, status: "failed" as const, message: "disk full\nat /dev/sda1", exitCode: 28 };
  await Report.submit(failed, token, failedAt);
  expect(await reportEvents(machineId)).toEqual([
    {
      id: `machine.installed#${machineId}#${uploadId}#1`,
      event: "machine.installed",
      machineId,
      uploadId,
      at: installedAt.toISOString(),
      text: `${machineId}: firmware.bin (upload ${uploadId}) installed`,
      filename: "firmware.bin",
    },
    {
      id: `machine.failed#${machineId}#${uploadId}#2`,
      event: "machine.failed",
      machineId,
      uploadId,
      at: failedAt.toISOString(),
      text: `${machineId}: firmware.bin (upload ${uploadId}) failed (exit code 28): disk full`,
      filename: "firmware.bin",
      message: "disk full\nat /dev/sda1",
      exitCode: 28,
    },
  ]);
});

test("a failure without an exit code says so plainly, and a long message is cut to its first 200 characters", async () => {
  const { Report } = modules;
  const { machineId, token, uploadId } = await machineWithFile();
  const long = `  ${"x".repeat(250)}\nsecond line`;
  await Report.submit({ machineId, uploadId, status: "failed", message: long }, token);
  await Report.submit({ machineId, uploadId, status: "failed" }, token);
  await Report.submit({ machineId, uploadId, status: "failed", message: "y".repeat(200) }, token);
  const texts = (await reportEvents(machineId)).map((event) => event.text);
  expect(texts).toEqual([
    `${machineId}: firmware.bin (upload ${uploadId}) failed: ${"x".repeat(200)}…`,
    `${machineId}: firmware.bin (upload ${uploadId}) failed`,
    `${machineId}: firmware.bin (upload ${uploadId}) failed: ${"y".repeat(200)}`,
  ]);
  const [first, second] = await reportEvents(machineId);
  expect(first).toMatchObject({ message: long });
  expect(first).not.toHaveProperty("exitCode");
  expect(second).not.toHaveProperty("message");
});

test("a report on an earlier upload sends nothing", async () => {
  const { Report, Upload, testing } = modules;
  const { machineId, token, uploadId: earlier } = await machineWithFile();
  const content = randomBytes(8);
  const intent = await testing.declare(machineId, content);
  await testing.putObject(intent.key, content);
  await Upload.processObject(intent.key);
  await Report.submit({ machineId, uploadId: earlier, status: "installed" }, token);
  expect(await reportEvents(machineId)).toEqual([]);
});

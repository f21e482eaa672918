/**
 * machine.downloaded (CONTRACT §6): recorded on a file's first 302 only, with what the log records.
 * In a bucket and table of this file's own, with WEBHOOK_URL set (events are recorded only then);
 * nothing drains the outbox here.
 */
import { randomBytes } from "node:crypto";
import { useIsolatedResources } from "@fleetdrop/testing/isolated-resources";
import { expect, test } from "vitest";

await useIsolatedResources("download-events", { WEBHOOK_URL: "http://127.0.0.1:9/never-sent" });
const { Db } = await import("../db/index.ts");
const { Machine } = await import("../machine/index.ts");
const { emitted } = await import("../testing/events.ts");
const { declare, newMachine, putObject } = await import("../testing/index.ts");
const { Upload } = await import("../upload/index.ts");
const { Download } = await import("./index.ts");

async function activate(machineId: string, filename: string) {
  const content = randomBytes(16);
  const intent = await declare(machineId, content, filename);
  await putObject(intent.key, content);
  expect(await Upload.processObject(intent.key)).toBe("active");
  return intent.uploadId;
}

/** The DynamoDB commands `work` sends, in order. */
async function commandsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const name = "countDownloadEventCommands";
  Db.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push((context.commandName ?? "unknown").replace(/Command$/, ""));
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    await work();
  } finally {
    Db.client.middlewareStack.remove(name);
  }
  return sent;
}

test("the first 302 of a file records machine.downloaded; later ones write no event", async () => {
  const machineId = await newMachine("fetcher");
  const { token } = await Machine.rotateToken(machineId);
  const uploadId = await activate(machineId, "fw.bin");
  const first = new Date();

  const calls = await commandsOf(() =>
    Download.request({ machineId, token, sourceIp: "192.0.2.9", userAgent: "agent/1" }, first),
  );
  expect(calls.sort()).toEqual(["PutItem", "PutItem", "UpdateItem"]);
  expect(await emitted(`machine.downloaded#${machineId}#${uploadId}`)).toEqual({
    id: `machine.downloaded#${machineId}#${uploadId}`,
    event: "machine.downloaded",
    machineId,
    uploadId,
    at: first.toISOString(),
    text: `${machineId} downloaded fw.bin (upload ${uploadId})`,
    filename: "fw.bin",
    sourceIp: "192.0.2.9",
    userAgent: "agent/1",
  });

  // The log entry only: the event of this file is already recorded.
  expect((await commandsOf(() => Download.request({ machineId, token }))).sort()).toEqual(["PutItem", "UpdateItem"]);
  expect(await emitted(`machine.downloaded#${machineId}#${uploadId}`)).toMatchObject({ at: first.toISOString() });
});

test("without a source IP or user agent the event says null, and a new file is announced again", async () => {
  const machineId = await newMachine("fetcher");
  const { token } = await Machine.rotateToken(machineId);
  await activate(machineId, "a.bin");
  await Download.request({ machineId, token });
  const next = await activate(machineId, "b.bin");
  await Download.request({ machineId, token });
  expect(await emitted(`machine.downloaded#${machineId}#${next}`)).toMatchObject({
    uploadId: next,
    filename: "b.bin",
    sourceIp: null,
    userAgent: null,
  });
});

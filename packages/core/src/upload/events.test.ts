/**
 * The webhook events processing records (CONTRACT §6): upload.activated and upload.rejected, with
 * exactly the fields a receiver reads. In a bucket and table of this file's own, with WEBHOOK_URL
 * set (events are recorded only then); nothing drains the outbox here, so every event stays readable.
 */
import { randomBytes } from "node:crypto";
import { useIsolatedResources } from "@fleetdrop/testing/isolated-resources";
import { describe, expect, test } from "vitest";

await useIsolatedResources("upload-events", { WEBHOOK_URL: "http://127.0.0.1:9/never-sent" });
const { Machine } = await import("../machine/index.ts");
const { Storage } = await import("../storage/index.ts");
const { emitted } = await import("../testing/events.ts");
const { declare, newMachine, putObject, sha256 } = await import("../testing/index.ts");
const { Upload } = await import("./index.ts");

async function completed(machineId: string, filename = "file.bin") {
  const content = randomBytes(48);
  const intent = await declare(machineId, content, filename);
  await putObject(intent.key, content);
  return { intent, content };
}

describe("upload.activated", () => {
  test("names the file and, from the second file on, the one it replaced", async () => {
    const machineId = await newMachine("events");
    const first = await completed(machineId, "first.bin");
    expect(await Upload.processObject(first.intent.key)).toBe("active");
    const activatedAt = (await Upload.get(first.intent.uploadId)).activatedAt;
    expect(await emitted(`upload.activated#${first.intent.uploadId}`)).toEqual({
      id: `upload.activated#${first.intent.uploadId}`,
      event: "upload.activated",
      machineId,
      uploadId: first.intent.uploadId,
      at: activatedAt,
      text: `${machineId}: first.bin (upload ${first.intent.uploadId}) is now its file`,
      filename: "first.bin",
      size: first.content.length,
      sha256: sha256(first.content),
    });

    const second = await completed(machineId, "second.bin");
    expect(await Upload.processObject(second.intent.key)).toBe("active");
    expect(await emitted(`upload.activated#${second.intent.uploadId}`)).toMatchObject({
      uploadId: second.intent.uploadId,
      filename: "second.bin",
      previousUploadId: first.intent.uploadId,
    });
  });

  test("is recorded when a crash came between the activation and the status change, at the activation's time", async () => {
    const machineId = await newMachine("events");
    const { intent, content } = await completed(machineId);
    const object = (await Storage.head(intent.key))!;
    const activatedAt = "2026-01-02T03:04:05.000Z";
    await Machine.activate(machineId, (await Machine.get(machineId)).incarnation, {
      uploadId: intent.uploadId,
      filename: "file.bin",
      size: content.length,
      sha256: sha256(content),
      contentType: "application/octet-stream",
      activatedAt,
      key: intent.key,
      etag: object.etag,
    });
    expect(await emitted(`upload.activated#${intent.uploadId}`)).toBeUndefined();

    expect(await Upload.processObject(intent.key)).toBe("active");
    expect(await emitted(`upload.activated#${intent.uploadId}`)).toMatchObject({
      uploadId: intent.uploadId,
      at: activatedAt,
    });
    expect((await Upload.get(intent.uploadId)).activatedAt).toBe(activatedAt);
  });

  test("is recorded by a delivery that finds another delivery activated it and crashed before its event", async () => {
    const machineId = await newMachine("events");
    const { intent } = await completed(machineId);
    let twinAt: string | undefined;
    const twin = async (name: string) => {
      if (name !== "verified" || twinAt) return;
      const crash = (step: string) => {
        if (step === "activated") throw new Error("crash after activated");
      };
      await expect(Upload.processObject(intent.key, crash)).rejects.toThrow(/crash/);
      twinAt = (await Machine.get(machineId)).file?.activatedAt;
      expect(await emitted(`upload.activated#${intent.uploadId}`)).toBeUndefined();
    };
    expect(await Upload.processObject(intent.key, twin)).toBe("active");
    expect(twinAt).toBeDefined();
    expect(await emitted(`upload.activated#${intent.uploadId}`)).toMatchObject({
      uploadId: intent.uploadId,
      at: twinAt,
    });
  });

  test("is not recorded for an upload that was superseded before its bytes arrived", async () => {
    const machineId = await newMachine("events");
    const older = await completed(machineId);
    const newer = await completed(machineId);
    expect(await Upload.processObject(newer.intent.key)).toBe("active");
    expect(await Upload.processObject(older.intent.key)).toBe("superseded");
    expect(await emitted(`upload.activated#${older.intent.uploadId}`)).toBeUndefined();
  });
});

describe("upload.rejected", () => {
  test("carries the reason the upload records", async () => {
    const machineId = await newMachine("events");
    const intent = await declare(machineId, randomBytes(32), "bad.bin");
    await putObject(intent.key, randomBytes(31));
    expect(await Upload.processObject(intent.key)).toBe("rejected");
    const { reason } = await Upload.get(intent.uploadId);
    expect(reason).toBe("Stored size 31 bytes differs from the declared 32 bytes.");
    const event = await emitted(`upload.rejected#${intent.uploadId}`);
    expect(event).toEqual({
      id: `upload.rejected#${intent.uploadId}`,
      event: "upload.rejected",
      machineId,
      uploadId: intent.uploadId,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      text: `${machineId}: upload ${intent.uploadId} (bad.bin) was rejected: ${reason}`,
      filename: "bad.bin",
      reason,
    });
    expect(Math.abs(Date.parse(String(event?.at)) - Date.now())).toBeLessThan(60_000);

    // GET /fleet's rejectedUploads24h: this table's one rejection, counted from a time before it only.
    const counted = await Upload.countRejectedSince(new Date(Date.now() - 60_000));
    expect(counted.count).toBe(1);
    expect(Math.abs(Date.parse(String(counted.newest)) - Date.now())).toBeLessThan(60_000);
    expect(await Upload.countRejectedSince(new Date(Date.now() + 60_000))).toEqual({ count: 0, newest: undefined });
  });
});

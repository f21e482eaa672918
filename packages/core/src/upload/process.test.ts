import { describe, expect, test } from "vitest";
import { Machine } from "../machine/index.ts";
import { Storage } from "../storage/index.ts";
import { declare, keysOf, newMachine, putObject, sha256 } from "../testing/index.ts";
import { bytes, completed, statusOf } from "../testing/uploads.ts";
import { Upload } from "./index.ts";

describe("processObject", () => {
  test("a declared, intact upload becomes the machine's file", async () => {
    const machineId = await newMachine();
    const { intent, content } = await completed(machineId);
    expect(await Upload.processObject(intent.key)).toBe("active");
    const machine = await Machine.get(machineId);
    expect(machine.file).toMatchObject({
      uploadId: intent.uploadId,
      sha256: sha256(content),
      size: content.length,
      key: intent.key,
    });
    expect((await Upload.get(intent.uploadId)).activatedAt).toBeDefined();
    expect(await keysOf(machineId)).toEqual([intent.key]);
  });

  test("objects nobody declared are deleted", async () => {
    const machineId = await newMachine();
    const strays = [
      `files/${machineId}/01M87Y9QCM7YA744HME8C4K83V.bin`,
      `files/${machineId}/notes.txt`,
      `elsewhere/${machineId}.bin`,
    ];
    for (const key of strays) {
      await putObject(key, bytes());
      expect(await Upload.processObject(key)).toBe("foreign");
      expect(await Storage.head(key)).toBeUndefined();
    }
  });

  test("an object under another machine's prefix does not match the intent", async () => {
    const owner = await newMachine();
    const other = await newMachine();
    const intent = await declare(owner, bytes());
    const wrongKey = intent.key.replace(owner, other);
    await putObject(wrongKey, bytes());
    expect(await Upload.processObject(wrongKey)).toBe("foreign");
    expect(await statusOf(intent.uploadId)).toBe("pending");
  });

  test("wrong size or wrong bytes are rejected with a reason and the previous file stays", async () => {
    const machineId = await newMachine();
    const good = await completed(machineId);
    await Upload.processObject(good.intent.key);

    const shortIntent = await declare(machineId, bytes(64));
    await putObject(shortIntent.key, bytes(63));
    expect(await Upload.processObject(shortIntent.key)).toBe("rejected");
    expect((await Upload.get(shortIntent.uploadId)).reason).toBe(
      "Stored size 63 bytes differs from the declared 64 bytes.",
    );

    const swappedIntent = await declare(machineId, bytes(64));
    await putObject(swappedIntent.key, bytes(64));
    expect(await Upload.processObject(swappedIntent.key)).toBe("rejected");
    const swapped = await Upload.get(swappedIntent.uploadId);
    expect(swapped.reason).toMatch(
      new RegExp(`^Stored bytes have sha256 [0-9a-f]{64}, not the declared ${swapped.sha256}\\.$`),
    );

    expect((await Machine.get(machineId)).file?.uploadId).toBe(good.intent.uploadId);
    expect(await keysOf(machineId)).toEqual([good.intent.key]);
  });

  test("a newer upload replaces the current one, whose object is deleted", async () => {
    const machineId = await newMachine();
    const first = await completed(machineId);
    await Upload.processObject(first.intent.key);
    const second = await completed(machineId);
    expect(await Upload.processObject(second.intent.key)).toBe("active");
    expect(await statusOf(first.intent.uploadId)).toBe("superseded");
    expect((await Upload.get(first.intent.uploadId)).reason).toMatch(
      new RegExp(`^Upload ${second.intent.uploadId} was declared later`),
    );
    expect(await keysOf(machineId)).toEqual([second.intent.key]);
  });

  test("an older upload completing after a newer one is superseded, whatever the order", async () => {
    const machineId = await newMachine();
    const older = await declare(machineId, Buffer.from("older"));
    const newer = await declare(machineId, Buffer.from("newer"));
    await putObject(newer.key, Buffer.from("newer"));
    expect(await Upload.processObject(newer.key)).toBe("active");
    await putObject(older.key, Buffer.from("older"));
    expect(await Upload.processObject(older.key)).toBe("superseded");
    expect((await Upload.get(older.uploadId)).reason).toBe(
      `Upload ${newer.uploadId} was declared later and became the machine's file.`,
    );
    expect((await Machine.get(machineId)).file?.uploadId).toBe(newer.uploadId);
    expect(await keysOf(machineId)).toEqual([newer.key]);
  });

  test("duplicate deliveries change nothing", async () => {
    const machineId = await newMachine();
    const first = await completed(machineId);
    const second = await completed(machineId);
    for (const key of [first.intent.key, second.intent.key, first.intent.key, second.intent.key, second.intent.key]) {
      await Upload.processObject(key);
    }
    expect((await Machine.get(machineId)).file?.uploadId).toBe(second.intent.uploadId);
    expect(await statusOf(first.intent.uploadId)).toBe("superseded");
    expect(await statusOf(second.intent.uploadId)).toBe("active");
    expect(await keysOf(machineId)).toEqual([second.intent.key]);
  });

  test("concurrent deliveries of several uploads converge on the last declared", async () => {
    const machineId = await newMachine();
    const uploads = [];
    for (let i = 0; i < 5; i++) uploads.push(await completed(machineId));
    await Promise.all(
      [...uploads].reverse().flatMap((u) => [Upload.processObject(u.intent.key), Upload.processObject(u.intent.key)]),
    );
    const last = uploads.at(-1)!;
    expect((await Machine.get(machineId)).file?.uploadId).toBe(last.intent.uploadId);
    expect(await keysOf(machineId)).toEqual([last.intent.key]);
    for (const u of uploads.slice(0, -1)) expect(await statusOf(u.intent.uploadId)).toBe("superseded");
    expect(await statusOf(last.intent.uploadId)).toBe("active");
  });

  test("a crash after the activation write converges when the event comes again", async () => {
    const machineId = await newMachine();
    const first = await completed(machineId);
    await Upload.processObject(first.intent.key);
    const second = await completed(machineId);
    // Simulate a crash right after the machine's file was switched: no status change, no clean-up.
    const object = (await Storage.head(second.intent.key))!;
    await Machine.activate(machineId, (await Machine.get(machineId)).incarnation, {
      uploadId: second.intent.uploadId,
      filename: "file.bin",
      size: second.content.length,
      sha256: sha256(second.content),
      contentType: "application/octet-stream",
      activatedAt: new Date().toISOString(),
      key: second.intent.key,
      etag: object.etag,
    });
    expect(await statusOf(second.intent.uploadId)).toBe("pending");
    expect(await keysOf(machineId)).toHaveLength(2);

    expect(await Upload.processObject(second.intent.key)).toBe("active");
    expect(await statusOf(second.intent.uploadId)).toBe("active");
    expect(await statusOf(first.intent.uploadId)).toBe("superseded");
    expect(await keysOf(machineId)).toEqual([second.intent.key]);
  });

  test("a later upload still in flight is left alone by an earlier one's clean-up", async () => {
    const machineId = await newMachine();
    const earlier = await completed(machineId);
    const later = await completed(machineId);
    expect(await Upload.processObject(earlier.intent.key)).toBe("active");
    expect(await keysOf(machineId)).toEqual([earlier.intent.key, later.intent.key].sort());
    expect(await statusOf(later.intent.uploadId)).toBe("pending");
  });

  test("an upload for a machine removed meanwhile is removed with its object, even if the id is back", async () => {
    for (const reRegister of [false, true]) {
      const machineId = await newMachine();
      const { intent } = await completed(machineId);
      await Machine.deleteRecord(machineId, (await Machine.get(machineId)).incarnation);
      if (reRegister) await Machine.register({ machineId });
      // "foreign" if a concurrent sweep (another test file) removed the record first.
      expect(["removed", "foreign"]).toContain(await Upload.processObject(intent.key));
      expect(await Storage.head(intent.key)).toBeUndefined();
      await expect(Upload.get(intent.uploadId)).rejects.toThrow(/does not exist/);
      expect((await Machine.find(machineId))?.file).toBeUndefined();
    }
  });

  test.each([
    {
      headers: { contentType: "text/html", contentDisposition: 'attachment; filename="file.bin"' },
      reason: 'Stored Content-Type "text/html" differs from the declared "application/octet-stream".',
    },
    {
      headers: { contentType: "application/octet-stream", contentDisposition: "inline" },
      reason: `Stored Content-Disposition "inline" differs from the declared ${JSON.stringify('attachment; filename="file.bin"')}.`,
    },
    {
      headers: { contentType: "application/octet-stream" },
      reason: `Stored Content-Disposition null differs from the declared ${JSON.stringify('attachment; filename="file.bin"')}.`,
    },
  ])("stored headers other than the declared ones are rejected: $headers", async ({ headers, reason }) => {
    const machineId = await newMachine();
    const content = bytes();
    const intent = await declare(machineId, content);
    await putObject(intent.key, content, headers);
    expect(await Upload.processObject(intent.key)).toBe("rejected");
    expect((await Upload.get(intent.uploadId)).reason).toBe(reason);
    expect((await Machine.get(machineId)).file).toBeUndefined();
    expect(await keysOf(machineId)).toEqual([]);
  });

  test("bytes of the current file replaced after activation are caught on redelivery", async () => {
    const machineId = await newMachine();
    const { intent } = await completed(machineId);
    await Upload.processObject(intent.key);
    await putObject(intent.key, bytes());
    expect(await Upload.processObject(intent.key)).toBe("rejected");
    expect(await Upload.get(intent.uploadId)).toMatchObject({
      status: "rejected",
      reason: expect.stringMatching(/sha256/),
    });
    expect((await Machine.get(machineId)).file).toBeUndefined();
    expect(await keysOf(machineId)).toEqual([]);
  });
});

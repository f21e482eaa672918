/** What reaches processObject out of turn: bytes of removed registrations, stray or late objects, redeliveries. */
import { describe, expect, test } from "vitest";
import { Machine } from "../machine/index.ts";
import { s3 } from "../storage/client.ts";
import { Storage } from "../storage/index.ts";
import { declare, keysOf, newMachine, putObject } from "../testing/index.ts";
import { bytes, completed, statusOf } from "../testing/uploads.ts";
import { Upload } from "./index.ts";

describe("processObject, what arrives out of turn", () => {
  test("bytes of a removed registration's upload are removed, even once the id is back with a newer file", async () => {
    const machineId = await newMachine();
    const content = bytes();
    const intent = await declare(machineId, content);
    await Machine.deleteRecord(machineId, (await Machine.get(machineId)).incarnation);
    await Machine.register({ machineId });
    const current = await completed(machineId);
    expect(await Upload.processObject(current.intent.key)).toBe("active");
    // The removed registration's bytes arrive last (a policy signed before the removal).
    await putObject(intent.key, content);
    // "foreign" if a concurrent sweep (another test file) removed the record first.
    expect(["removed", "foreign"]).toContain(await Upload.processObject(intent.key));
    await expect(Upload.get(intent.uploadId)).rejects.toThrow(/does not exist/);
    expect((await Machine.get(machineId)).file?.uploadId).toBe(current.intent.uploadId);
    expect(await keysOf(machineId)).toEqual([current.intent.key]);
  });

  test("an object under the upload's id with another extension is not the upload's", async () => {
    const machineId = await newMachine();
    const intent = await declare(machineId, bytes(), "file.bin");
    const otherKey = intent.key.replace(/\.bin$/, ".txt");
    await putObject(otherKey, bytes());
    expect(await Upload.processObject(otherKey)).toBe("foreign");
    expect(await Storage.head(otherKey)).toBeUndefined();
    expect(await statusOf(intent.uploadId)).toBe("pending");
  });

  test("an event for an object already gone is 'missing' and changes nothing", async () => {
    const machineId = await newMachine();
    const intent = await declare(machineId, bytes());
    expect(await Upload.processObject(intent.key)).toBe("missing");
    expect(await statusOf(intent.uploadId)).toBe("pending");
    expect((await Machine.get(machineId)).file).toBeUndefined();
  });

  test("bytes for an upload already expired, rejected or superseded are deleted and change nothing", async () => {
    const machineId = await newMachine();
    const current = await completed(machineId);
    const expired = await declare(machineId, bytes());
    const rejected = await declare(machineId, bytes(10));
    await Upload.transition(expired.uploadId, { to: "expired", from: ["pending"] });
    await putObject(rejected.key, bytes(11));
    expect(await Upload.processObject(rejected.key)).toBe("rejected");
    const superseded = current.intent;
    expect(await Upload.processObject(superseded.key)).toBe("active");
    const latest = await completed(machineId);
    expect(await Upload.processObject(latest.intent.key)).toBe("active");
    expect(await statusOf(superseded.uploadId)).toBe("superseded");

    // A re-used policy, or an event long overdue: the bytes arrive (again) after the upload was settled.
    for (const [intent, status] of [
      [expired, "expired"],
      [rejected, "rejected"],
      [superseded, "superseded"],
    ] as const) {
      await putObject(intent.key, bytes());
      expect(await Upload.processObject(intent.key)).toBe(status);
      expect(await statusOf(intent.uploadId)).toBe(status);
    }
    expect((await Machine.get(machineId)).file?.uploadId).toBe(latest.intent.uploadId);
    expect(await keysOf(machineId)).toEqual([latest.intent.key]);
  });

  test("an older upload with bad bytes arriving after a newer one is current is superseded, not rejected", async () => {
    const machineId = await newMachine();
    const older = await declare(machineId, bytes());
    const newer = await completed(machineId);
    expect(await Upload.processObject(newer.intent.key)).toBe("active");
    await putObject(older.key, bytes(3));
    expect(await Upload.processObject(older.key)).toBe("superseded");
    expect((await Upload.get(older.uploadId)).status).toBe("superseded");
    expect(await keysOf(machineId)).toEqual([newer.intent.key]);
  });

  test("an object under the machine's prefix that no upload could have made goes when a file becomes current", async () => {
    const machineId = await newMachine();
    const stray = `files/${machineId}/notes.txt`;
    await putObject(stray, bytes());
    const { intent } = await completed(machineId);
    expect(await Upload.processObject(intent.key)).toBe("active");
    expect(await keysOf(machineId)).toEqual([intent.key]);
  });

  test("the previous file is superseded even when its object is already gone", async () => {
    const machineId = await newMachine();
    const first = await completed(machineId);
    expect(await Upload.processObject(first.intent.key)).toBe("active");
    await Storage.remove(first.intent.key);
    const second = await completed(machineId);
    expect(await Upload.processObject(second.intent.key)).toBe("active");
    expect(await statusOf(first.intent.uploadId)).toBe("superseded");
  });

  test("a redelivered event of the current file does not read its bytes again", async () => {
    const machineId = await newMachine();
    const { intent } = await completed(machineId);
    expect(await Upload.processObject(intent.key)).toBe("active");
    const sent: string[] = [];
    const name = "countS3Commands";
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(context.commandName ?? "unknown");
        return next(args);
      },
      { step: "initialize", name },
    );
    try {
      expect(await Upload.processObject(intent.key)).toBe("active");
    } finally {
      s3.middlewareStack.remove(name);
    }
    expect(sent).toContain("HeadObjectCommand");
    expect(sent).not.toContain("GetObjectCommand");
  });
});

/**
 * Processing racing other work: the fault hook (`step`) runs the competing change at a chosen point
 * of one processing, as another Lambda or a removal would do in between, on the real stand-ins.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { Machine } from "../machine/index.ts";
import { Storage } from "../storage/index.ts";
import { declare, keysOf, newMachine, putObject } from "../testing/index.ts";
import { Upload } from "./index.ts";

async function completed(machineId: string) {
  const content = randomBytes(40);
  const intent = await declare(machineId, content);
  await putObject(intent.key, content);
  return intent;
}

/** A step hook that runs `work` once, right after the step `at`. */
function during(at: string, work: () => Promise<unknown>): Upload.Step {
  let done = false;
  return async (name) => {
    if (name !== at || done) return;
    done = true;
    await work();
  };
}

const crashAfter =
  (at: string): Upload.Step =>
  (name) => {
    if (name === at) throw new Error(`crash after ${at}`);
  };

describe("while an upload's bytes are being verified", () => {
  test("its object is deleted: 'missing', and nothing is rejected", async () => {
    const machineId = await newMachine("race");
    const intent = await completed(machineId);
    expect(
      await Upload.processObject(
        intent.key,
        during("read-object", () => Storage.remove(intent.key)),
      ),
    ).toBe("missing");
    expect((await Upload.get(intent.uploadId)).status).toBe("pending");
    expect((await Machine.get(machineId)).file).toBeUndefined();
  });

  test("its machine is removed: the upload and its object go too", async () => {
    const machineId = await newMachine("race");
    const intent = await completed(machineId);
    const removal = during("verified", async () =>
      Machine.deleteRecord(machineId, (await Machine.get(machineId)).incarnation),
    );
    expect(await Upload.processObject(intent.key, removal)).toBe("removed");
    expect(await Storage.head(intent.key)).toBeUndefined();
    await expect(Upload.get(intent.uploadId)).rejects.toThrow(/does not exist/);
  });

  test("a later-declared upload becomes current: this one is superseded by it", async () => {
    const machineId = await newMachine("race");
    const older = await completed(machineId);
    const newer = await completed(machineId);
    const overtaken = during("verified", () => Upload.processObject(newer.key));
    expect(await Upload.processObject(older.key, overtaken)).toBe("superseded");
    expect((await Upload.get(older.uploadId)).reason).toBe(
      `Upload ${newer.uploadId} was declared later and became the machine's file.`,
    );
    expect((await Machine.get(machineId)).file?.uploadId).toBe(newer.uploadId);
    expect(await keysOf(machineId)).toEqual([newer.key]);
  });

  test("a later-declared upload is activated, then its processing crashes: this one is still superseded", async () => {
    const machineId = await newMachine("race");
    const older = await completed(machineId);
    const newer = await completed(machineId);
    const overtaken = during("verified", async () => {
      await expect(Upload.processObject(newer.key, crashAfter("activated"))).rejects.toThrow(/crash after/);
    });
    expect(await Upload.processObject(older.key, overtaken)).toBe("superseded");
    expect((await Upload.get(older.uploadId)).status).toBe("superseded");
    expect(await Upload.processObject(newer.key)).toBe("active");
    expect(await keysOf(machineId)).toEqual([newer.key]);
  });

  test("another delivery of it marks it active and crashes before clean-up: this one cleans up", async () => {
    const machineId = await newMachine("race");
    const abandoned = await completed(machineId); // bytes whose event never came
    const intent = await completed(machineId);
    const twin = during("verified", async () => {
      await expect(Upload.processObject(intent.key, crashAfter("marked-active"))).rejects.toThrow(/crash after/);
    });
    expect(await Upload.processObject(intent.key, twin)).toBe("active");
    expect((await Upload.get(abandoned.uploadId)).status).toBe("superseded");
    expect(await keysOf(machineId)).toEqual([intent.key]);
  });

  test("another delivery of it activates it and crashes: this one records that activation's time", async () => {
    const machineId = await newMachine("race");
    const previous = await completed(machineId);
    expect(await Upload.processObject(previous.key)).toBe("active");
    const previousAt = (await Machine.get(machineId)).file?.activatedAt;
    const intent = await completed(machineId);
    const twin = during("verified", async () => {
      // Its activation time must differ from the previous file's: let the clock pass that millisecond.
      while (Date.now() <= Date.parse(previousAt!)) await new Promise((resolve) => setTimeout(resolve, 1));
      await expect(Upload.processObject(intent.key, crashAfter("activated"))).rejects.toThrow(/crash after/);
    });
    expect(await Upload.processObject(intent.key, twin)).toBe("active");
    const file = (await Machine.get(machineId)).file;
    expect(file?.uploadId).toBe(intent.uploadId);
    expect(file?.activatedAt).not.toBe(previousAt);
    expect((await Upload.get(intent.uploadId)).activatedAt).toBe(file?.activatedAt);
    expect((await Upload.get(previous.uploadId)).status).toBe("superseded");
  });
});

test("a later upload's clean-up supersedes this one between its activation and its status: superseded", async () => {
  const machineId = await newMachine("race");
  const older = await completed(machineId);
  const newer = await completed(machineId);
  const overtaken = during("activated", () => Upload.processObject(newer.key));
  expect(await Upload.processObject(older.key, overtaken)).toBe("superseded");
  expect((await Upload.get(older.uploadId)).status).toBe("superseded");
  expect((await Upload.get(newer.uploadId)).status).toBe("active");
  expect((await Machine.get(machineId)).file?.uploadId).toBe(newer.uploadId);
  expect(await keysOf(machineId)).toEqual([newer.key]);
});

/**
 * Fault injection at every step of event processing: a crash (a throw from the step hook, as a
 * Lambda that dies there) after each step, then the event comes again (S3's retry) or never does
 * (the sweeper) → the contract's end state every time.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { Machine } from "../machine/index.ts";
import { Sweeper } from "../sweeper/index.ts";
import { declare, keysOf, newMachine, putObject } from "../testing/index.ts";
import { Upload } from "./index.ts";

const crashAt = (wanted: string) => {
  let crashed = false;
  const step: Upload.Step = (name) => {
    if (name === wanted && !crashed) {
      crashed = true;
      throw new Error(`crash after ${name}`);
    }
  };
  return { step, crashed: () => crashed };
};

/** A machine whose current file is `first`, with `second` (declared later) stored but not processed. */
async function replacement(bytes = 48) {
  const machineId = await newMachine("chaos");
  const first = await declare(machineId, randomBytes(bytes));
  const firstContent = randomBytes(bytes);
  const firstIntent = await declare(machineId, firstContent);
  await putObject(firstIntent.key, firstContent);
  expect(await Upload.processObject(firstIntent.key)).toBe("active");
  const secondContent = randomBytes(bytes);
  const second = await declare(machineId, secondContent);
  await putObject(second.key, secondContent);
  return { machineId, abandoned: first, first: firstIntent, second };
}

const replacementSteps = [
  "read-upload",
  "read-object",
  "read-machine",
  "verified",
  "activated",
  "deleted-superseded-object",
  "marked-superseded",
  "marked-active",
];

describe.each(["redelivery", "sweep"])("a crash during a replacement, then %s", (recovery) => {
  test.each(replacementSteps)("after %s", async (step) => {
    const { machineId, first, second } = await replacement();
    const fault = crashAt(step);
    await expect(Upload.processObject(second.key, fault.step)).rejects.toThrow(/crash after/);
    expect(fault.crashed()).toBe(true);

    if (recovery === "redelivery") expect(await Upload.processObject(second.key)).toBe("active");
    else expect((await Sweeper.run()).failed).toBe(0);

    expect((await Machine.get(machineId)).file?.uploadId).toBe(second.uploadId);
    expect((await Upload.get(second.uploadId)).status).toBe("active");
    expect((await Upload.get(first.uploadId)).status).toBe("superseded");
    expect(await keysOf(machineId)).toEqual([second.key]);
  });
});

const rejectionSteps = ["read-upload", "read-object", "read-machine", "verified", "marked-rejected"];

describe.each(["redelivery", "sweep"])("a crash while rejecting bad bytes, then %s", (recovery) => {
  test.each(rejectionSteps)("after %s", async (step) => {
    const machineId = await newMachine("chaos");
    const content = randomBytes(48);
    const first = await declare(machineId, content);
    await putObject(first.key, content);
    expect(await Upload.processObject(first.key)).toBe("active");
    const bad = await declare(machineId, randomBytes(48));
    await putObject(bad.key, randomBytes(48));
    await expect(Upload.processObject(bad.key, crashAt(step).step)).rejects.toThrow(/crash after/);

    if (recovery === "redelivery") expect(await Upload.processObject(bad.key)).toBe("rejected");
    else expect((await Sweeper.run()).failed).toBe(0);

    expect((await Upload.get(bad.uploadId)).status).toBe("rejected");
    expect((await Machine.get(machineId)).file?.uploadId).toBe(first.uploadId);
    expect(await keysOf(machineId)).not.toContain(bad.key);
  });
});

test("events delivered twice, in random order, with a crash somewhere in each first delivery", async () => {
  const { machineId } = await replacement();
  const uploads = [];
  for (let i = 0; i < 4; i++) {
    const content = randomBytes(32);
    const intent = await declare(machineId, content);
    await putObject(intent.key, content);
    uploads.push(intent);
  }
  const shuffled = [...uploads, ...uploads].sort(() => Math.random() - 0.5);
  for (const [i, intent] of shuffled.entries()) {
    const step = replacementSteps[i % replacementSteps.length]!;
    await Upload.processObject(intent.key, crashAt(step).step).catch(() => undefined);
  }
  expect((await Sweeper.run()).failed).toBe(0);
  const last = uploads.at(-1)!;
  expect((await Machine.get(machineId)).file?.uploadId).toBe(last.uploadId);
  expect(await keysOf(machineId)).toEqual([last.key]);
});

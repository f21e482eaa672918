import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { FileTooLargeError, MachineNotFoundError } from "../error/index.ts";
import { Machine } from "../machine/index.ts";
import { declare, newMachine, sha256 } from "../testing/index.ts";
import { Upload } from "./index.ts";

const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy!, "base64").toString("utf8")) as { expiration: string; conditions: unknown[] };

test("a declaration's policy and record expire 15 minutes (900 s) after it by default (contract §2)", async () => {
  const machineId = await newMachine("ttl");
  const before = Date.now();
  const intent = await declare(machineId, randomBytes(10), "Firmware.BIN");
  const after = Date.now();
  const expiration = Date.parse(policyOf(intent.fields).expiration);
  expect(expiration).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 900_000);
  expect(expiration).toBeLessThanOrEqual(after + 900_000);
  // The record's expiry is the policy's own (whole seconds), so the two never disagree.
  expect(Date.parse(intent.expiresAt)).toBe(expiration);
  expect(intent.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(intent.key).toBe(`files/${machineId}/${intent.uploadId}.bin`);
});

test("the record keeps what was declared, pending, with times in UTC", async () => {
  const machineId = await newMachine("record");
  const content = randomBytes(32);
  const clock = new Date("2026-11-25T10:00:00.000Z");
  const intent = await Upload.declare(
    { machineId, filename: "a.txt", size: 32, sha256: sha256(content), contentType: "text/plain" },
    () => clock,
  );
  // The clock dates the record; the expiry is the signed policy's own, from the real clock.
  expect(intent.expiresAt).toBe(new Date(Date.parse(policyOf(intent.fields).expiration)).toISOString());
  const stored = await Upload.get(intent.uploadId);
  expect(stored).toEqual({
    uploadId: intent.uploadId,
    machineId,
    filename: "a.txt",
    size: 32,
    sha256: sha256(content),
    contentType: "text/plain",
    key: intent.key,
    // The machine's registration it was declared for: a re-registered id never gets it.
    incarnation: (await Machine.get(machineId)).incarnation,
    status: "pending",
    createdAt: "2026-11-25T10:00:00.000Z",
    expiresAt: intent.expiresAt,
  });
  expect(policyOf(intent.fields).conditions).toContainEqual({ "Content-Type": "text/plain" });
  const untyped = await declare(machineId, content);
  expect((await Upload.get(untyped.uploadId)).contentType).toBe("application/octet-stream");
});

test("too large and unknown machines are refused before anything is stored", async () => {
  const machineId = await newMachine("refuse");
  const huge = { machineId, filename: "big.iso", size: 5 * 1024 ** 3 + 1, sha256: "a".repeat(64) };
  await expect(Upload.declare(huge)).rejects.toBeInstanceOf(FileTooLargeError);
  await expect(Upload.declare({ ...huge, size: 5 * 1024 ** 3 })).resolves.toMatchObject({ machineId });
  await expect(Upload.declare({ ...huge, machineId: "nobody-at-all", size: 1 })).rejects.toBeInstanceOf(
    MachineNotFoundError,
  );
  expect(await Upload.listForMachine(await Machine.get(machineId), 10)).toHaveLength(1);
});

import { randomBytes } from "node:crypto";
import { Machine } from "@fleetdrop/core/machine";
import { Storage } from "@fleetdrop/core/storage";
import { declare, newMachine, putObject } from "@fleetdrop/core/testing";
import { Upload } from "@fleetdrop/core/upload";
import { expect, test } from "vitest";
import { handler } from "./object-created.ts";
import { objectCreatedEvent } from "./testing/s3-event.ts";

test("an ObjectCreated:Post event activates the declared upload", async () => {
  const machineId = await newMachine("lambda");
  const content = randomBytes(100);
  const intent = await declare(machineId, content, "Firmware Image.BIN");
  await putObject(intent.key, content);
  await handler(objectCreatedEvent(intent.key, content.length));
  expect((await Upload.get(intent.uploadId)).status).toBe("active");
  expect((await Machine.get(machineId)).file?.filename).toBe("Firmware Image.BIN");
});

test("keys are URL-decoded as S3 encodes them, so strays with spaces are found and deleted", async () => {
  const key = "files/stray machine/a b+c.txt";
  await putObject(key, randomBytes(10));
  await handler(objectCreatedEvent("files/stray+machine/a+b%2Bc.txt", 10));
  expect(await Storage.head(key)).toBeUndefined();
});

test("events from another bucket are ignored", async () => {
  const key = `files/other-bucket-${Date.now()}.txt`;
  await putObject(key, randomBytes(10));
  await handler(objectCreatedEvent(key, 10, "someone-elses-bucket"));
  expect(await Storage.head(key)).toBeDefined();
  await Storage.remove(key);
});

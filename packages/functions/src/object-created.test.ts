import { randomBytes } from "node:crypto";
import type { S3Event } from "aws-lambda";
import { expect, test } from "vitest";
import { Config } from "@fleetdrop/core/config";
import { Machine } from "@fleetdrop/core/machine";
import { Storage } from "@fleetdrop/core/storage";
import { declare, newMachine, putObject } from "@fleetdrop/core/testing";
import { Upload } from "@fleetdrop/core/upload";
import { handler } from "./object-created.ts";

/** An ObjectCreated:Post record as S3 sends it: URL-encoded key, unquoted eTag, sequencer. */
function s3Event(encodedKey: string, size: number, bucket = Config.bucketName): S3Event {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "us-east-1",
        eventTime: "2026-11-24T12:00:00.000Z",
        eventName: "ObjectCreated:Post",
        userIdentity: { principalId: "AWS:AIDAEXAMPLE" },
        requestParameters: { sourceIPAddress: "203.0.113.7" },
        responseElements: { "x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "fleetdrop-object-created",
          bucket: { name: bucket, ownerIdentity: { principalId: "A3NL1KOZZKExample" }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodedKey, size, eTag: "d41d8cd98f00b204e9800998ecf8427e", sequencer: "0055AED6DCD90281E5" },
        },
      },
    ],
  };
}

test("an ObjectCreated:Post event activates the declared upload", async () => {
  const machineId = await newMachine("lambda");
  const content = randomBytes(100);
  const intent = await declare(machineId, content, "Firmware Image.BIN");
  await putObject(intent.key, content);
  await handler(s3Event(intent.key, content.length));
  expect((await Upload.get(intent.uploadId)).status).toBe("active");
  expect((await Machine.get(machineId)).file?.filename).toBe("Firmware Image.BIN");
});

test("keys are URL-decoded as S3 encodes them, so strays with spaces are found and deleted", async () => {
  const key = "files/stray machine/a b+c.txt";
  await putObject(key, randomBytes(10));
  await handler(s3Event("files/stray+machine/a+b%2Bc.txt", 10));
  expect(await Storage.head(key)).toBeUndefined();
});

test("events from another bucket are ignored", async () => {
  const key = `files/other-bucket-${Date.now()}.txt`;
  await putObject(key, randomBytes(10));
  await handler(s3Event(key, 10, "someone-elses-bucket"));
  expect(await Storage.head(key)).toBeDefined();
  await Storage.remove(key);
});

import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { expect, test } from "vitest";
import { createS3Client } from "./s3-client.ts";

/** The host and path a command would be sent to, captured after the build step (nothing is sent). */
async function target(client: S3Client, command: GetObjectCommand | ListObjectsV2Command) {
  let seen: { hostname?: string; path?: string } = {};
  client.middlewareStack.remove("capture");
  client.middlewareStack.add(
    () => async (args) => {
      seen = args.request as typeof seen;
      throw new Error("captured");
    },
    { step: "finalizeRequest", name: "capture", priority: "high" },
  );
  await expect(client.send(command as GetObjectCommand)).rejects.toThrow("captured");
  return { hostname: seen.hostname, path: seen.path };
}

test("against an S3-compatible endpoint: path-style URLs, and bucket paths without the trailing slash", async () => {
  const client = createS3Client({ region: "us-east-1", endpoint: "http://s3.local.test:4569" });
  expect(await target(client, new ListObjectsV2Command({ Bucket: "fleetdrop" }))).toEqual({
    hostname: "s3.local.test",
    path: "/fleetdrop",
  });
  expect(await target(client, new GetObjectCommand({ Bucket: "fleetdrop", Key: "files/a/b.bin" }))).toEqual({
    hostname: "s3.local.test",
    path: "/fleetdrop/files/a/b.bin",
  });
  // Only the bucket's own path loses its slash, not a key that ends in one.
  expect(await target(client, new GetObjectCommand({ Bucket: "fleetdrop", Key: "files/a/" }))).toEqual({
    hostname: "s3.local.test",
    path: "/fleetdrop/files/a/",
  });
  expect(await client.config.requestChecksumCalculation()).toBe("WHEN_REQUIRED");
  expect(await client.config.responseChecksumValidation()).toBe("WHEN_REQUIRED");
});

test("against real S3: virtual-hosted URLs for the region, the SDK's default checksums", async () => {
  const client = createS3Client({ region: "eu-west-1" });
  expect(await target(client, new GetObjectCommand({ Bucket: "fleetdrop", Key: "files/a/b.bin" }))).toEqual({
    hostname: "fleetdrop.s3.eu-west-1.amazonaws.com",
    path: "/files/a/b.bin",
  });
  expect(await client.config.requestChecksumCalculation()).toBe("WHEN_SUPPORTED");
});

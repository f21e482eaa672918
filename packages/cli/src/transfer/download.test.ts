import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createS3Client } from "@fleetdrop/core/aws";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { type FaultProxy, startFaultProxy } from "../testing/fault-proxy.ts";
import { type DownloadTarget, downloadToFile } from "./download.ts";

// The real local S3 (the vitest global setup's), reached through a fault-injecting TCP proxy; the
// presigned URLs are signed for the proxy's address, so S3 checks them as it would on AWS.
const bucket = JSON.parse(process.env.SST_RESOURCE_Bucket!).name as string;
const region = process.env.AWS_REGION!;
let s3: S3Client;
let proxy: FaultProxy;
let viaProxy: S3Client;
let dir: string;
beforeAll(async () => {
  s3 = createS3Client({ region, endpoint: process.env.FLEETDROP_S3_ENDPOINT });
  proxy = await startFaultProxy(new URL(process.env.FLEETDROP_S3_ENDPOINT!));
  viaProxy = createS3Client({ region, endpoint: proxy.endpoint });
});
afterAll(() => proxy?.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-dl-"));
  proxy.seen.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function storeObject(content: Buffer): Promise<DownloadTarget & { key: string }> {
  const key = `files/dl-test/${randomBytes(8).toString("hex")}.bin`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content }));
  const url = await getSignedUrl(viaProxy, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });
  return { key, url, sha256: sha256(content) };
}

const noRefresh = async (): Promise<DownloadTarget> => {
  throw new Error("refresh was not expected");
};

test("a connection dropped mid-body resumes with a Range from the last byte received", async () => {
  const content = randomBytes(5 * 1024 * 1024 + 7);
  const target = await storeObject(content);
  proxy.inject({ dropAfterBytes: 2 * 1024 * 1024 });
  const path = join(dir, "file.part");
  const result = await downloadToFile(target, path, { refresh: noRefresh });
  expect(result).toEqual({ sha256: target.sha256, expectedSha256: target.sha256, size: content.length });
  expect((await readFile(path)).equals(content)).toBe(true);
  expect(proxy.seen.map((r) => r.range)).toEqual([undefined, expect.stringMatching(/^bytes=\d+-$/)]);
  const resumedAt = Number(/\d+/.exec(proxy.seen[1]!.range!)![0]);
  expect(resumedAt).toBeGreaterThan(1024 * 1024); // from mid-file, not from the start
  expect(resumedAt).toBeLessThan(2 * 1024 * 1024);
});

test("a server that ignores the Range is read again from byte 0", async () => {
  const content = randomBytes(3 * 1024 * 1024);
  const target = await storeObject(content);
  proxy.inject({ dropAfterBytes: 1024 * 1024 });
  proxy.inject({ ignoreRange: true });
  const path = join(dir, "file.part");
  const result = await downloadToFile(target, path, { refresh: noRefresh });
  expect(result.sha256).toBe(target.sha256);
  expect((await readFile(path)).equals(content)).toBe(true);
  expect(proxy.seen).toHaveLength(2);
  expect(proxy.seen[1]!.range).toMatch(/^bytes=/);
});

test("S3's 404 after the redirect (the file was replaced) asks /download again and fetches the new file", async () => {
  const old = await storeObject(randomBytes(100_000));
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: old.key }));
  const replacement = randomBytes(200_000);
  const next = await storeObject(replacement);
  const reasons: string[] = [];
  const result = await downloadToFile(old, join(dir, "file.part"), {
    refresh: async (reason) => {
      reasons.push(reason);
      return next;
    },
  });
  expect(reasons).toEqual(["gone"]);
  expect(result).toEqual({ sha256: next.sha256, expectedSha256: next.sha256, size: replacement.length });
  expect((await readFile(join(dir, "file.part"))).equals(replacement)).toBe(true);
});

test("a refused URL is replaced by a fresh one for the same file", async () => {
  const content = randomBytes(300_000);
  const target = await storeObject(content);
  const forged = {
    ...target,
    url: target.url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${"0".repeat(64)}`),
  };
  const reasons: string[] = [];
  const result = await downloadToFile(forged, join(dir, "file.part"), {
    refresh: async (reason) => {
      reasons.push(reason);
      return target;
    },
  });
  expect(reasons).toEqual(["refused"]);
  expect(result.sha256).toBe(sha256(content));
});

test("a URL that keeps being refused gives up with S3's message", async () => {
  const target = await storeObject(randomBytes(1000));
  const forged = {
    ...target,
    url: target.url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${"0".repeat(64)}`),
  };
  await expect(downloadToFile(forged, join(dir, "file.part"), { refresh: async () => forged })).rejects.toThrow(
    /S3 refused the download: .*\(SignatureDoesNotMatch\)/,
  );
});

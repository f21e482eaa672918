/**
 * Requests other than POST uploads against the local S3 over HTTP: unsigned ones are refused as by
 * a private bucket, presigned URLs from the real SDK work until they are tampered with or expire,
 * a presigned URL plus an Authorization header is refused as S3 refuses it (issue 11's wget case),
 * and the SDK's header-signed calls keep working. Nothing refused is stored or announced.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bucket, type LocalS3, s3Error, startLocalS3 } from "./testing.ts";

let s3: LocalS3;
const key = "files/m1/stored.bin";
const bytes = Buffer.from("stored through the SDK, header-signed\n");

beforeAll(async () => {
  s3 = await startLocalS3();
  await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
});
afterAll(async () => {
  await s3.close();
});

const presignedGet = (options: { expiresIn?: number; signingDate?: Date } = {}) =>
  getSignedUrl(s3.client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300, ...options });

describe("unsigned requests are refused with 403 AccessDenied", () => {
  test.each([
    ["GET an object", "GET", `/${bucket}/${key}`],
    ["HEAD an object", "HEAD", `/${bucket}/${key}`],
    ["LIST the bucket", "GET", `/${bucket}?list-type=2`],
    ["list the buckets", "GET", "/"],
    ["DELETE an object", "DELETE", `/${bucket}/${key}`],
  ])("%s", async (_name, method, path) => {
    const response = await fetch(s3.endpoint + path, { method });
    expect(response.status).toBe(403);
    if (method !== "HEAD")
      expect(await s3Error(response)).toMatchObject({ code: "AccessDenied", message: "Access Denied" });
    expect(await s3.read(key)).toEqual(bytes);
  });

  test("PUT an object: refused, not stored, not announced", async () => {
    const response = await fetch(`${s3.endpoint}/${bucket}/files/m1/unsigned.bin`, {
      method: "PUT",
      body: "overwrite",
    });
    expect(await s3Error(response)).toMatchObject({ status: 403, code: "AccessDenied" });
    expect(await s3.read("files/m1/unsigned.bin")).toBeUndefined();
    expect(s3.announced).not.toContain("files/m1/unsigned.bin");
  });
});

describe("presigned GET", () => {
  test("answers with the object", async () => {
    const response = await fetch(await presignedGet());
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  test("with an Authorization header too: 400 InvalidArgument, as S3 answers wget and urllib", async () => {
    const response = await fetch(await presignedGet(), { headers: { Authorization: "Bearer machine-token" } });
    expect(await s3Error(response)).toMatchObject({
      status: 400,
      code: "InvalidArgument",
      message: expect.stringMatching(/^Only one auth mechanism allowed/),
    });
  });

  test("with a tampered signature: 403 SignatureDoesNotMatch", async () => {
    const url = new URL(await presignedGet());
    const signature = url.searchParams.get("X-Amz-Signature")!;
    url.searchParams.set("X-Amz-Signature", (signature[0] === "0" ? "1" : "0") + signature.slice(1));
    expect(await s3Error(await fetch(url))).toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
  });

  test("for another key than the signed one: 403 SignatureDoesNotMatch", async () => {
    const url = new URL(await presignedGet());
    url.pathname = `/${bucket}/files/m2/other.bin`;
    expect(await s3Error(await fetch(url))).toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
  });

  test("after it expired: 403 AccessDenied", async () => {
    const url = await presignedGet({ expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
    expect(await s3Error(await fetch(url))).toMatchObject({
      status: 403,
      code: "AccessDenied",
      message: "Request has expired",
    });
  });

  test("with X-Amz-Expires that is not a number: 400 AuthorizationQueryParametersError", async () => {
    const url = new URL(await presignedGet());
    url.searchParams.set("X-Amz-Expires", "forever");
    expect(await s3Error(await fetch(url))).toMatchObject({ status: 400, code: "AuthorizationQueryParametersError" });
  });

  test("with an unknown access key: 403 InvalidAccessKeyId", async () => {
    const url = new URL(await presignedGet());
    url.searchParams.set(
      "X-Amz-Credential",
      url.searchParams.get("X-Amz-Credential")!.replace(/^[^/]+/, "AKIAUNKNOWN"),
    );
    expect(await s3Error(await fetch(url))).toMatchObject({ status: 403, code: "InvalidAccessKeyId" });
  });
});

test("a presigned PUT stores and announces; the same URL tampered stores nothing", async () => {
  const url = await getSignedUrl(s3.client, new PutObjectCommand({ Bucket: bucket, Key: "files/m3/put.bin" }), {
    expiresIn: 300,
  });
  expect((await fetch(url, { method: "PUT", body: "presigned put" })).status).toBe(200);
  expect((await s3.read("files/m3/put.bin"))?.toString()).toBe("presigned put");

  const tampered = new URL(url);
  tampered.pathname = `/${bucket}/files/m3/elsewhere.bin`;
  expect((await fetch(tampered, { method: "PUT", body: "elsewhere" })).status).toBe(403);
  expect(await s3.read("files/m3/elsewhere.bin")).toBeUndefined();
  expect(s3.announced).toContain("files/m3/put.bin");
  expect(s3.announced).not.toContain("files/m3/elsewhere.bin");
});

test("the SDK's header-signed calls keep working: put, head, get, list, delete", async () => {
  const other = "files/m4/sdk.bin";
  await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: other, Body: "sdk", ContentType: "text/plain" }));
  const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: other }));
  expect(head.ContentLength).toBe(3);
  expect((await s3.read(other))?.toString()).toBe("sdk");
  expect(await s3.keys()).toContain(other);
  await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: other }));
  expect(await s3.keys()).not.toContain(other);
});

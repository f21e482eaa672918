/**
 * Browser-based (POST) uploads against the local S3 over HTTP, with policies signed by the real SDK
 * (`createPresignedPost`): what S3 accepts is stored and announced once; every refusal answers with
 * S3's status and error code and leaves nothing stored or announced.
 */
import { createHash } from "node:crypto";
import { PutBucketCorsCommand } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { bucket, type LocalS3, s3Error, startLocalS3 } from "./testing.ts";

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3.close();
});

const content = Buffer.from("firmware v2: the bytes the policy was signed for\n");
const sha256Base64 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("base64");
let serial = 0;
let key: string;
beforeEach(() => {
  key = `files/m${++serial}/upload.bin`;
});

/** A policy like the system signs: exact key, size, type, disposition, sha256 metadata and checksum. */
async function policy(options: { expires?: number; size?: number; bytes?: Buffer; extraConditions?: unknown[] } = {}) {
  const bytes = options.bytes ?? content;
  const size = options.size ?? bytes.length;
  const { url, fields } = await createPresignedPost(s3.client, {
    Bucket: bucket,
    Key: key,
    Expires: options.expires ?? 600,
    Conditions: [["content-length-range", size, size], ...((options.extraConditions ?? []) as [])],
    Fields: {
      "Content-Type": "application/x-firmware",
      "Content-Disposition": 'attachment; filename="upload.bin"',
      "x-amz-meta-sha256": createHash("sha256").update(bytes).digest("hex"),
      "x-amz-checksum-sha256": sha256Base64(bytes),
    },
  });
  return { url, fields };
}

async function post(
  target: { url: string; fields: Record<string, string> },
  bytes: Buffer = content,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append("file", new Blob([bytes]), "upload.bin");
  return fetch(target.url, { method: "POST", body: form, headers });
}

async function expectRefused(response: Response, status: number, code: string, message?: RegExp) {
  const error = await s3Error(response);
  expect(error).toMatchObject({ status, code });
  if (message) expect(error.message).toMatch(message);
  expect(response.headers.get("content-type")).toBe("application/xml");
  expect(await s3.read(key)).toBeUndefined();
  expect(s3.announced).not.toContain(key);
}

test("a POST that meets its policy is stored and announced once", async () => {
  const response = await post(await policy());
  expect(response.status).toBe(204);
  expect(await s3.read(key)).toEqual(content);
  expect(s3.announced.filter((k) => k === key)).toHaveLength(1);
});

describe("refused", () => {
  test("a signature that does not match the policy", async () => {
    const target = await policy();
    const signature = target.fields["X-Amz-Signature"]!;
    target.fields["X-Amz-Signature"] = (signature[0] === "0" ? "1" : "0") + signature.slice(1);
    await expectRefused(await post(target), 403, "SignatureDoesNotMatch");
  });

  test("a policy rewritten after signing (a wider size range)", async () => {
    const target = await policy();
    const document = JSON.parse(Buffer.from(target.fields.Policy!, "base64").toString("utf8"));
    document.conditions = document.conditions.map((c: unknown) =>
      Array.isArray(c) ? ["content-length-range", 0, 1e9] : c,
    );
    target.fields.Policy = Buffer.from(JSON.stringify(document)).toString("base64");
    await expectRefused(await post(target, Buffer.concat([content, content])), 403, "SignatureDoesNotMatch");
  });

  test("an expired policy", async () => {
    await expectRefused(await post(await policy({ expires: -1 })), 403, "AccessDenied", /Policy expired/);
  });

  test("a key other than the signed one (another machine's)", async () => {
    const target = await policy();
    target.fields.key = "files/other-machine/upload.bin";
    await expectRefused(await post(target), 403, "AccessDenied", /Policy Condition failed: \["eq", "\$key"/);
    expect(await s3.read("files/other-machine/upload.bin")).toBeUndefined();
  });

  test("a bucket other than the signed one", async () => {
    const target = await policy();
    target.fields.bucket = "another-bucket";
    const response = await post({ ...target, url: target.url.replace(`/${bucket}`, "/another-bucket") });
    expect(response.status).toBe(403);
  });

  test("more bytes than the size range allows", async () => {
    const bigger = Buffer.concat([content, Buffer.from("!")]);
    await expectRefused(await post(await policy(), bigger), 400, "EntityTooLarge");
  });

  test("fewer bytes than the size range requires", async () => {
    await expectRefused(await post(await policy(), content.subarray(1)), 400, "EntityTooSmall");
  });

  test("a Content-Type other than the signed one", async () => {
    const target = await policy();
    target.fields["Content-Type"] = "text/html";
    await expectRefused(await post(target), 403, "AccessDenied", /\$content-type/);
  });

  test("a Content-Disposition other than the signed one", async () => {
    const target = await policy();
    target.fields["Content-Disposition"] = 'attachment; filename="evil.sh"';
    await expectRefused(await post(target), 403, "AccessDenied", /\$content-disposition/);
  });

  test("a form field that no condition covers", async () => {
    const target = await policy();
    target.fields["x-amz-meta-note"] = "not signed";
    await expectRefused(await post(target), 403, "AccessDenied", /Extra input fields: x-amz-meta-note/);
  });

  test("bytes that do not match the declared x-amz-checksum-sha256", async () => {
    const other = Buffer.from(content.toString().toUpperCase());
    await expectRefused(await post(await policy(), other), 400, "BadDigest");
  });

  test("an x-amz-checksum-sha256 that is not a base64 SHA-256", async () => {
    const target = await policy({ extraConditions: [] });
    target.fields["x-amz-checksum-sha256"] = "not-a-digest";
    // The policy pins the signed value, so S3 refuses the changed field before reading the checksum.
    await expectRefused(await post(target), 403, "AccessDenied");
  });

  test("a form with no policy at all (anonymous)", async () => {
    await expectRefused(
      await post({ url: `${s3.endpoint}/${bucket}`, fields: { key } }),
      403,
      "AccessDenied",
      /^Access Denied$/,
    );
  });

  test("a form without a file", async () => {
    const target = await policy();
    const form = new FormData();
    for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
    await expectRefused(
      await fetch(target.url, { method: "POST", body: form }),
      400,
      "InvalidArgument",
      /exactly one file/,
    );
  });

  test("a reused policy with other bytes leaves the stored object as it was", async () => {
    const target = await policy();
    expect((await post(target)).status).toBe(204);
    const tampered = Buffer.from(content.toString().replace("v2", "v3"));
    const error = await s3Error(await post(target, tampered));
    expect(error).toMatchObject({ status: 400, code: "BadDigest" });
    expect(await s3.read(key)).toEqual(content);
    expect(s3.announced.filter((k) => k === key)).toHaveLength(1);
  });
});

test("fields named x-ignore-* need no condition", async () => {
  const target = await policy();
  target.fields["x-ignore-tracking"] = "anything";
  expect((await post(target)).status).toBe(204);
  expect(await s3.read(key)).toEqual(content);
});

test("a large upload streams through in chunks and is stored byte for byte", async () => {
  const large = Buffer.alloc(8 * 1024 * 1024, 7);
  large.write("start", 0);
  large.write("end", large.length - 3);
  const response = await post(await policy({ bytes: large }), large);
  expect(response.status).toBe(204);
  const stored = await s3.read(key);
  expect(stored?.length).toBe(large.length);
  expect(stored?.equals(large)).toBe(true);
});

test("CORS: a browser's preflight passes unsigned and the POST's answer carries the CORS headers", async () => {
  const origin = "http://127.0.0.1:3001";
  await s3.client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: [origin], AllowedMethods: ["POST", "GET"], AllowedHeaders: ["*"] }],
      },
    }),
  );
  const preflight = await fetch(`${s3.endpoint}/${bucket}`, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
  });
  expect(preflight.status).toBe(200);
  expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

  const response = await post(await policy(), content, { Origin: origin });
  expect(response.status).toBe(204);
  expect(response.headers.get("access-control-allow-origin")).toBe(origin);
});

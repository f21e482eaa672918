import { createHmac } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, test, vi } from "vitest";
import { Config } from "../config/index.ts";
import { s3 } from "./client.ts";
import { Storage } from "./index.ts";

const sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** SigV4 for a POST policy, computed independently of the SDK: HMAC chain over the base64 policy. */
function signPolicy(policy: string, secret: string, date: string, region: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), "s3"), "aws4_request");
  return createHmac("sha256", signingKey).update(policy).digest("hex");
}

describe("upload policy", () => {
  test("pins bucket, exact key, exact size, type, disposition and sha256, and expires", async () => {
    const before = Date.now();
    const { url, fields } = await Storage.uploadPolicy({
      key: "files/m1/01M87Y9QCM7YA744HME8C4K83V.bin",
      filename: "test file.bin",
      size: 4,
      sha256,
      contentType: "application/x-firmware",
      expiresInSeconds: 900,
    });
    expect(url).toBe(`${Config.s3Endpoint}/${Config.bucketName}`);
    const policy = JSON.parse(Buffer.from(fields.Policy!, "base64").toString("utf8"));

    const expiration = Date.parse(policy.expiration);
    expect(expiration).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 899_000);
    expect(expiration).toBeLessThanOrEqual(Date.now() + 900_000);

    const conditions: unknown[] = policy.conditions;
    expect(conditions).toContainEqual(["content-length-range", 4, 4]);
    expect(conditions).toContainEqual({ bucket: Config.bucketName });
    expect(conditions).toContainEqual({ key: "files/m1/01M87Y9QCM7YA744HME8C4K83V.bin" });
    expect(conditions).toContainEqual({ "Content-Type": "application/x-firmware" });
    expect(conditions).toContainEqual({ "Content-Disposition": 'attachment; filename="test file.bin"' });
    expect(conditions).toContainEqual({ "x-amz-meta-sha256": sha256 });
    expect(conditions).toContainEqual({ "x-amz-checksum-sha256": Buffer.from(sha256, "hex").toString("base64") });
    // No prefix conditions: nothing can vary but what is pinned.
    expect(conditions.filter((c) => Array.isArray(c) && c[0] === "starts-with")).toEqual([]);
    // Every field the client sends (but the policy and signature themselves) is an exact condition.
    for (const [name, value] of Object.entries(fields)) {
      if (name === "Policy" || name === "X-Amz-Signature") continue;
      expect(conditions).toContainEqual({ [name]: value });
    }

    const [accessKey, date, region, service, terminator] = fields["X-Amz-Credential"]!.split("/");
    expect([accessKey, region, service, terminator]).toEqual([
      process.env.AWS_ACCESS_KEY_ID,
      Config.region,
      "s3",
      "aws4_request",
    ]);
    expect(fields["X-Amz-Signature"]).toBe(
      signPolicy(fields.Policy!, process.env.AWS_SECRET_ACCESS_KEY!, date!, region!),
    );
    expect(fields["X-Amz-Signature"]).not.toBe(
      signPolicy(`${fields.Policy!}x`, process.env.AWS_SECRET_ACCESS_KEY!, date!, region!),
    );
  });
});

describe("upload policy with S3_POST_CHECKSUM=off", () => {
  test("leaves S3's checksum field out and still pins the sha256 as metadata", async () => {
    vi.resetModules();
    process.env.S3_POST_CHECKSUM = "off";
    try {
      const { Storage: Reloaded } = await import("./index.ts");
      const input = { key: "files/m1/01M87Y9QCM7YA744HME8C4K83V.bin", filename: "f.bin", size: 4, sha256 };
      const { fields } = await Reloaded.uploadPolicy({
        ...input,
        contentType: "application/octet-stream",
        expiresInSeconds: 60,
      });
      const conditions: unknown[] = JSON.parse(Buffer.from(fields.Policy!, "base64").toString("utf8")).conditions;
      expect(Object.keys(fields)).not.toContain("x-amz-checksum-sha256");
      expect(conditions.some((c) => JSON.stringify(c).includes("x-amz-checksum"))).toBe(false);
      expect(conditions).toContainEqual({ "x-amz-meta-sha256": sha256 });
    } finally {
      delete process.env.S3_POST_CHECKSUM;
      vi.resetModules();
    }
  });
});

describe("download URL", () => {
  test("is a presigned GET with the configured lifetime", async () => {
    const url = new URL(await Storage.downloadUrl("files/m1/01M87Y9QCM7YA744HME8C4K83V.bin"));
    expect(url.pathname).toBe(`/${Config.bucketName}/files/m1/01M87Y9QCM7YA744HME8C4K83V.bin`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe(String(Config.downloadUrlTtlSeconds));
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });

  test("lives 3600 s by default (contract §2), signed now", async () => {
    const url = new URL(await Storage.downloadUrl("files/m1/01M87Y9QCM7YA744HME8C4K83V.bin"));
    expect(url.searchParams.get("X-Amz-Expires")).toBe("3600");
    const signedAt = url.searchParams
      .get("X-Amz-Date")!
      .replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z");
    expect(Math.abs(Date.parse(signedAt) - Date.now())).toBeLessThan(10_000);
  });
});

describe("a store that refuses a request", () => {
  test("is an error, never taken for a missing object", async () => {
    const key = "files/m1/01M87Y9QCM7YA744HME8C4K83V.bin";
    await s3.send(new PutObjectCommand({ Bucket: Config.bucketName, Key: key, Body: Buffer.from("kept") }));
    vi.resetModules();
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    try {
      // A client signing with the wrong secret: the stand-in refuses every request, as S3 would.
      const { Storage: Refused } = await import("./index.ts");
      await expect(Refused.head(key)).rejects.toThrow();
      await expect(Refused.sha256Of(key)).rejects.toThrow();
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
    expect((await Storage.head(key))?.size).toBe(4);
    await Storage.remove(key);
  });

  test("a missing object is undefined to HEAD and to reading its bytes", async () => {
    const key = "files/m1/01M87Y9QCM7YA744HME8C4K83W.bin";
    expect(await Storage.head(key)).toBeUndefined();
    expect(await Storage.sha256Of(key)).toBeUndefined();
  });
});

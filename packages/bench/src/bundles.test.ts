import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BundleBuild, buildBundle } from "./bundle-build.ts";

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "fleetdrop-bundles-test-"));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** The S3 client and the presigners: what only some of the API's routes need. */
const s3Sdk = /node_modules\/@aws-sdk\/(client-s3|s3-presigned-post|s3-request-presigner)\//;

const coldS3 = (bundle: BundleBuild) => bundle.coldInputs.filter((input) => s3Sdk.test(input.path));

test("the API's cold start loads no S3 SDK: the routes that presign or delete load it on first use", async () => {
  const api = await buildBundle("api", outDir);
  expect(coldS3(api).map((input) => input.path)).toEqual([]);
  // The S3 client is still in the zip, in a chunk of its own.
  expect(api.zipBytes - api.coldBytes).toBeGreaterThan(100_000);
});

test("functions that use S3 on every invocation load the S3 client at init", async () => {
  for (const name of ["objectCreated", "sweeper"] as const) {
    const bundle = await buildBundle(name, outDir);
    const clientBytes = coldS3(bundle)
      .filter((input) => input.path.includes("/client-s3/"))
      .reduce((sum, input) => sum + input.bytes, 0);
    expect(clientBytes, name).toBeGreaterThan(50_000);
  }
});

/** A Function URL / HTTP API event (payload 2.0) with a JSON body, as far as the routes read it. */
function jsonEvent(method: string, path: string, body: unknown) {
  const text = JSON.stringify(body);
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: {
      authorization: `Bearer ${JSON.parse(process.env.SST_RESOURCE_AdminToken!).value}`,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(text)),
      host: "bundle.test",
    },
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "vitest" },
      requestId: "bundle-test",
      routeKey: "$default",
      stage: "$default",
      time: "25/Nov/2026:12:00:00 +0000",
      timeEpoch: 1795521600000,
    },
    body: text,
    isBase64Encoded: false,
  };
}

test("the built API serves an upload declaration through its lazily loaded S3 chunk", async () => {
  const api = await buildBundle("api", outDir);
  const { handler } = (await import(pathToFileURL(api.file).href)) as {
    handler: (event: unknown) => Promise<{ statusCode: number; body: string }>;
  };
  const machineId = `bundle-${Date.now().toString(36)}`;
  const registered = await handler(jsonEvent("POST", "/machines", { machineId }));
  expect(registered.statusCode, registered.body).toBe(201);
  const declared = await handler(
    jsonEvent("POST", "/uploads", { machineId, filename: "a.bin", size: 4, sha256: "ab".repeat(32) }),
  );
  expect(declared.statusCode, declared.body).toBe(201);
  const intent = JSON.parse(declared.body) as { url: string; fields: Record<string, string> };
  expect(intent.url).toBe(`${process.env.FLEETDROP_S3_ENDPOINT}/${JSON.parse(process.env.SST_RESOURCE_Bucket!).name}`);
  expect(intent.fields["X-Amz-Signature"]).toMatch(/^[0-9a-f]{64}$/);
});

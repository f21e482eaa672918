import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BundleBuild, buildBundle } from "./bundles.ts";

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

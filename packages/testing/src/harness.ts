/**
 * Test support, not product code. The end-to-end harness: runs the real local stack in a child
 * process (stack-process.ts) and talks to it only over HTTP: the API (stack-client.ts), the
 * presigned S3 URLs, and the S3 endpoint itself where a test plays an outside party
 * (stack-bucket.ts). Used by packages/e2e, the CLI's, agent's and dashboard's tests, the smoke
 * test and the benchmark.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@fleetdrop/core/aws";
import { type StackBucket, stackBucket } from "./stack-bucket.ts";
import { type StackClient, stackClient } from "./stack-client.ts";
import { type StackOptions, type StackProcess, spawnStack } from "./stack-process.ts";

export { declarationBody, freePort, requestDownload, sha256, shuffled } from "./helpers.ts";
export type { ApiBody, ApiResponse, Intent } from "./stack-client.ts";
export type { StackOptions } from "./stack-process.ts";
export { waitFor } from "./wait.ts";

export interface RunningStack extends StackProcess, StackClient, StackBucket {
  s3: S3Client;
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const stack = await spawnStack(options);
  const s3 = createS3Client({ region: "us-east-1", endpoint: stack.s3Endpoint });
  return {
    ...stack,
    ...stackClient(stack.url, stack.adminToken),
    ...stackBucket(s3),
    s3,
    async kill() {
      s3.destroy();
      await stack.kill();
    },
    async stop() {
      s3.destroy();
      await stack.stop();
    },
  };
}

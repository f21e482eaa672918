/**
 * Vitest global setup: the real stand-ins (s3rver, dynalite) on free ports in a temporary data
 * dir, linked to the test workers through the same environment the local stack and Lambda use.
 * Workers are forked after this runs, so they inherit the environment.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tunableNames } from "@fleetdrop/core/tunables";
import { startDynamoServer } from "../dynamo-server.ts";
import { linkEnvironment } from "../link-environment.ts";
import { startS3Server } from "../s3-server.ts";

export default async function setup() {
  // Tests see the tunables' defaults (some pin them), whatever the developer's shell exports.
  for (const name of tunableNames) delete process.env[name];
  const dataDir = await mkdtemp(join(tmpdir(), "fleetdrop-test-"));
  const names = { bucketName: "fleetdrop-test", tableName: "fleetdrop-test", region: "us-east-1", host: "127.0.0.1" };
  const s3 = await startS3Server({ ...names, dataDir, port: 0 });
  const dynamo = await startDynamoServer({ ...names, dataDir, port: 0 });
  Object.assign(process.env, {
    ...linkEnvironment({
      ...names,
      stage: "test",
      s3Endpoint: s3.endpoint,
      dynamoEndpoint: dynamo.endpoint,
      adminToken: "test-admin-token-0123456789",
    }),
    LOG_LEVEL: "silent",
  });
  return async () => {
    await s3.close();
    await dynamo.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}

/**
 * For the local S3's tests: a fresh local S3 (gate and stand-in) in a temp dir on a free port, a
 * real SDK client signed with the stand-in's credentials, and what it stored and announced.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@fleetdrop/core/aws";
import { startS3Server } from "../s3-server.ts";

export const bucket = "gate-test";
export const region = "us-east-1";

export interface LocalS3 {
  endpoint: string;
  client: S3Client;
  /** Keys of the ObjectCreated events announced so far. */
  announced: string[];
  keys(): Promise<string[]>;
  read(key: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export async function startLocalS3(): Promise<LocalS3> {
  const dataDir = await mkdtemp(join(tmpdir(), "fleetdrop-gate-"));
  const server = await startS3Server({ dataDir, host: "127.0.0.1", port: 0, bucketName: bucket, region });
  const announced: string[] = [];
  server.onEvent((raw) => {
    for (const record of (raw as { Records?: { eventName?: string; s3?: { object?: { key?: string } } }[] }).Records ??
      []) {
      if (record.eventName?.startsWith("ObjectCreated:")) announced.push(record.s3?.object?.key ?? "");
    }
  });
  // Signed with the stand-in's key pair, which the tests' global setup links as AWS_ACCESS_KEY_ID/SECRET.
  const client = createS3Client({ region, endpoint: server.endpoint });
  return {
    endpoint: server.endpoint,
    client,
    announced,
    async keys() {
      const out = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (out.Contents ?? []).map((item) => item.Key!).sort();
    },
    async read(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from(await out.Body!.transformToByteArray());
      } catch (error) {
        if ((error as { name?: string }).name === "NoSuchKey") return undefined;
        throw error;
      }
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The S3 error code and message from an XML error body. */
export async function s3Error(response: Response): Promise<{ status: number; code?: string; message?: string }> {
  const text = await response.text();
  return {
    status: response.status,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1],
  };
}

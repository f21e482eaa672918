/**
 * Test support, not product code. The end-to-end harness: runs the real local stack (`packages/local/src/main.ts`, as `npm start` does)
 * in a child process on free ports with a temporary data dir, and talks to it only over HTTP: the
 * API, the presigned S3 URLs, and the S3 endpoint itself where a test plays an outside party.
 * Used by packages/e2e, the CLI's tests and the benchmark.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@fleetdrop/core/aws";
import type { Machine } from "@fleetdrop/core/machine";
import type { Sweeper } from "@fleetdrop/core/sweeper";
import type { Upload } from "@fleetdrop/core/upload";
import type { S3Event } from "aws-lambda";
import { freePort, sha256 } from "./helpers.ts";
import { waitFor } from "./wait.ts";

const mainScript = fileURLToPath(new URL("../../local/src/main.ts", import.meta.url));
const bucket = "fleetdrop-local";

export { declarationBody, freePort, requestDownload, sha256, shuffled } from "./helpers.ts";
export { waitFor } from "./wait.ts";

export type Intent = Upload.Intent;

/**
 * A response body as tests read it: the fields of every view the API answers with (uploads,
 * intents, machines, tokens, errors, the local routes' events and sweep report). Which view came is for the test to
 * know from the route and the status it checks first.
 */
export type ApiBody = Upload.Upload &
  Upload.Intent &
  Machine.Info &
  Machine.Credentials &
  Sweeper.Report & {
    error: { code: string; message: string };
    uploads: Upload.Upload[];
    machines: Machine.Info[];
    downloads: Machine.DownloadEntry[];
    nextCursor: string | null;
    events: S3Event[];
  };

export interface ApiResponse {
  status: number;
  /** The parsed JSON body; undefined when the response had none. */
  body: ApiBody;
}

export interface RunningStack {
  url: string;
  /** The dashboard's origin (packages/web/dist served by the stack). */
  webUrl: string;
  s3Endpoint: string;
  dataDir: string;
  adminToken: string;
  env: Record<string, string>;
  logs(): string;
  s3: S3Client;
  /** An admin API call; returns status and parsed JSON body (undefined when empty). */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  registerMachine(machineId: string): Promise<string>;
  declare(machineId: string, content: Buffer, filename?: string): Promise<Intent>;
  uploadBytes(intent: Intent, content: Buffer): Promise<Response>;
  /** Declares, sends and waits until the upload leaves `pending`; returns the final upload. */
  upload(machineId: string, content: Buffer, filename?: string): Promise<{ intent: Intent; upload: Upload.Upload }>;
  waitForStatus(uploadId: string, until?: (status: string) => boolean): Promise<Upload.Upload>;
  idle(): Promise<void>;
  keysUnder(prefix: string): Promise<string[]>;
  /** Writes straight to the bucket with its credentials, bypassing any POST policy. */
  putOutsideTheFlow(
    key: string,
    content: Buffer,
    headers?: { contentType?: string; contentDisposition?: string },
  ): Promise<void>;
  /** kill -9: no shutdown of any kind; the data dir stays for a restart. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  dataDir?: string;
  env?: Record<string, string>;
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "fleetdrop-e2e-")));
  const ports = { api: await freePort(), s3: await freePort(), dynamo: await freePort(), web: await freePort() };
  const env: Record<string, string> = {
    PORT: String(ports.api),
    FLEETDROP_S3_PORT: String(ports.s3),
    FLEETDROP_DYNAMODB_PORT: String(ports.dynamo),
    FLEETDROP_WEB_PORT: String(ports.web),
    FLEETDROP_DATA_DIR: dataDir,
    FLEETDROP_EVENT_RETRY_DELAYS_MS: "100,200",
    ...options.env,
  };
  const child = spawn(process.execPath, [mainScript], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const url = `http://127.0.0.1:${ports.api}`;
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    // A stack that never came up leaves nothing behind either.
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const adminToken = env.FLEETDROP_ADMIN_TOKEN ?? (await readFile(join(dataDir, "admin-token"), "utf8")).trim();
  const s3Endpoint = `http://127.0.0.1:${ports.s3}`;
  const s3 = createS3Client({ region: "us-east-1", endpoint: s3Endpoint });

  const stack: RunningStack = {
    url,
    webUrl: `http://127.0.0.1:${env.FLEETDROP_WEB_PORT}`,
    s3Endpoint,
    dataDir,
    adminToken,
    env,
    s3,
    logs: () => output,
    async api(method, path, body, headers = {}) {
      const res = await fetch(url + path, {
        method,
        headers: {
          Authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as ApiBody) : (undefined as unknown as ApiBody) };
    },
    async registerMachine(machineId) {
      const res = await stack.api("POST", "/machines", { machineId });
      if (res.status !== 201) throw new Error(`register ${machineId}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async declare(machineId, content, filename = "payload.bin") {
      const res = await stack.api("POST", "/uploads", {
        machineId,
        filename,
        size: content.length,
        sha256: sha256(content),
      });
      if (res.status !== 201) throw new Error(`declare: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async uploadBytes(intent, content) {
      const form = new FormData();
      for (const [name, value] of Object.entries(intent.fields)) form.append(name, value);
      form.append("file", new Blob([content]), "payload");
      return fetch(intent.url, { method: "POST", body: form });
    },
    async upload(machineId, content, filename) {
      const intent = await stack.declare(machineId, content, filename);
      const res = await stack.uploadBytes(intent, content);
      if (res.status !== 204) throw new Error(`S3 POST: ${res.status} ${await res.text()}`);
      return { intent, upload: await stack.waitForStatus(intent.uploadId) };
    },
    async waitForStatus(uploadId, until = (status) => status !== "pending") {
      return waitFor(`upload ${uploadId} to reach the awaited status`, async () => {
        const res = await stack.api("GET", `/uploads/${uploadId}`);
        if (res.status !== 200 || !until(res.body.status))
          throw new Error(`answered ${res.status}, ${res.body?.status}`);
        return res.body;
      });
    },
    async idle() {
      const res = await stack.api("POST", "/_local/idle");
      if (res.status !== 200) throw new Error(`idle: ${res.status}`);
    },
    async keysUnder(prefix) {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (out.Contents ?? []).map((o) => o.Key!).sort();
    },
    async putOutsideTheFlow(key, content, headers = {}) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: content,
          ContentType: headers.contentType,
          ContentDisposition: headers.contentDisposition,
        }),
      );
    },
    async kill() {
      s3.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await once(child, "exit");
      }
    },
    async stop() {
      s3.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  let exited = false;
  try {
    await waitFor(
      `the local stack at ${url} to answer GET /health with 200`,
      async () => {
        exited = child.exitCode !== null;
        return exited || (await fetch(`${url}/health`)).status === 200;
      },
      // Generous: on a loaded 2-core machine the stack alone can take half a minute to import.
      { timeoutMs: 50_000, intervalMs: 100 },
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  if (exited) throw new Error(`local stack exited with ${child.exitCode}:\n${output()}`);
}

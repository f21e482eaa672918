/**
 * Test support, not product code. The admin's side of a running stack over HTTP only: API calls
 * with the admin token, and the upload flow (declare, POST the bytes to the presigned URL, await
 * the verdict) as a test writes it in one line.
 */
import type { Machine } from "@fleetdrop/core/machine";
import type { Sweeper } from "@fleetdrop/core/sweeper";
import type { Upload } from "@fleetdrop/core/upload";
import type { S3Event } from "aws-lambda";
import { sha256 } from "./helpers.ts";
import { waitFor } from "./wait.ts";

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

export interface StackClient {
  /** An admin API call; returns status and parsed JSON body (undefined when empty). */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  registerMachine(machineId: string): Promise<string>;
  declare(machineId: string, content: Buffer, filename?: string): Promise<Intent>;
  uploadBytes(intent: Intent, content: Buffer): Promise<Response>;
  /** Declares, sends and waits until the upload leaves `pending`; returns the final upload. */
  upload(machineId: string, content: Buffer, filename?: string): Promise<{ intent: Intent; upload: Upload.Upload }>;
  waitForStatus(uploadId: string, until?: (status: string) => boolean): Promise<Upload.Upload>;
  /** Resolves once the stack's in-flight event deliveries have settled (POST /_local/idle). */
  idle(): Promise<void>;
}

export function stackClient(url: string, adminToken: string): StackClient {
  const client: StackClient = {
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
      const res = await client.api("POST", "/machines", { machineId });
      if (res.status !== 201) throw new Error(`register ${machineId}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async declare(machineId, content, filename = "payload.bin") {
      const res = await client.api("POST", "/uploads", {
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
      const intent = await client.declare(machineId, content, filename);
      const res = await client.uploadBytes(intent, content);
      if (res.status !== 204) throw new Error(`S3 POST: ${res.status} ${await res.text()}`);
      return { intent, upload: await client.waitForStatus(intent.uploadId) };
    },
    async waitForStatus(uploadId, until = (status) => status !== "pending") {
      return waitFor(`upload ${uploadId} to reach the awaited status`, async () => {
        const res = await client.api("GET", `/uploads/${uploadId}`);
        if (res.status !== 200 || !until(res.body.status))
          throw new Error(`answered ${res.status}, ${res.body?.status}`);
        return res.body;
      });
    },
    async idle() {
      const res = await client.api("POST", "/_local/idle");
      if (res.status !== 200) throw new Error(`idle: ${res.status}`);
    },
  };
  return client;
}

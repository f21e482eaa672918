/**
 * The smoke test's only ways out: the Fleetdrop HTTP API and the presigned S3 URLs it hands out,
 * over plain fetch. No AWS SDK and no credentials, so it runs against any deployment.
 */
import { createHash } from "node:crypto";

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON a deployment answered, checked field by field by the steps
  body: any;
}

export class Api {
  readonly url: string;
  readonly adminToken: string;

  constructor(url: string, adminToken: string) {
    // A Function URL ends in "/"; the routes are joined to it.
    this.url = url.replace(/\/+$/, "");
    this.adminToken = adminToken;
  }

  /** An API call with the admin token unless `token` says otherwise (null: none); never follows redirects. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const token = options.token === undefined ? this.adminToken : options.token;
    const res = await fetch(this.url + path, {
      method,
      redirect: "manual",
      headers: {
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: the text itself goes into the failure message
    }
    return { status: res.status, headers: res.headers, body };
  }

  /** GET /download as a machine does: its own token (null: none), no redirect followed. */
  download(machineId: string, token: string | null, headers: Record<string, string> = {}): Promise<Answer> {
    return this.call("GET", `/download?machine_id=${encodeURIComponent(machineId)}`, { token, headers });
  }
}

export interface CallOptions {
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
}

/** The S3 error code and message of an XML error document, when there is one. */
export function s3Error(body: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return code ? `${code}${message ? `: ${message}` : ""}` : body.slice(0, 200);
}

/**
 * Why S3 refused a presigned POST, naming the setting that drops the checksum field: if S3 (or a
 * region) does not take `x-amz-checksum-sha256` in a POST, every upload fails here first.
 */
export function explainRefusedPost(status: number, body: string, fields: Record<string, string>): string {
  const hint = Object.hasOwn(fields, "x-amz-checksum-sha256")
    ? ' The POST carried x-amz-checksum-sha256: if S3 refuses that field, set S3_POST_CHECKSUM to "off" for this' +
      " stage in infra/stages.ts and deploy again (the ObjectCreated function still verifies every upload's sha256)."
    : "";
  return `S3 refused the upload POST with ${status} (${s3Error(body)}).${hint}`;
}

/** Sends the presigned POST: every field, then the file last, as S3 requires. */
export async function postToS3(
  intent: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(intent.fields)) form.append(name, value);
  form.append("file", new Blob([bytes]), "file");
  const res = await fetch(intent.url, { method: "POST", body: form, signal: AbortSignal.timeout(300_000) });
  if (res.status !== 204 && res.status !== 201 && res.status !== 200) {
    throw new Error(explainRefusedPost(res.status, await res.text(), intent.fields));
  }
}

/** The download name of a Content-Disposition header (filename* first). */
export function filenameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1]!.trim());
  return /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1]?.replace(/\\(.)/g, "$1");
}

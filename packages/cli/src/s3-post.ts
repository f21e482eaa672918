/**
 * Step two of an upload: the multipart/form-data POST of a presigned policy, streamed from disk
 * with a computed Content-Length over node:http(s). Every policy field goes first and the file part
 * last, as S3 requires. The encoding is written here, not taken from a form library, because S3
 * needs an exact Content-Length for a streamed file and the fastest path is one pipeline of
 * buffers and file chunks.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { CliError, describeNetworkError } from "./errors.ts";
import { CHUNK_SIZE } from "./hash.ts";
import { parseS3Error, readBody, request } from "./http.ts";

export class S3PostError extends CliError {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(`S3 refused the upload: ${message || code} (${status} ${code})`);
    this.status = status;
    this.code = code;
  }

  /** Worth another try: S3 asked to slow down, timed out, or failed on its side. */
  get transient(): boolean {
    return this.status >= 500 || ["SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable"].includes(this.code);
  }
}

export class S3NetworkError extends CliError {}

export interface PostTarget {
  url: string;
  fields: Record<string, string>;
}

export function multipartParts(fields: Record<string, string>, boundary: string) {
  const fieldParts = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("");
  const head = Buffer.from(
    `${fieldParts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { head, tail };
}

export async function postFile(target: PostTarget, path: string, size: number, onProgress?: (sent: number) => void): Promise<void> {
  const url = new URL(target.url);
  const boundary = `----fleetdrop${randomBytes(12).toString("hex")}`;
  const { head, tail } = multipartParts(target.fields, boundary);
  const req = request(url, {
    method: "POST",
    headers: {
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      "Content-Length": head.length + size + tail.length,
    },
  });
  // An idle connection (nothing sent or received for 2 minutes) is a failure, not a hang.
  req.setTimeout(120_000, () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
  const response = new Promise<import("node:http").IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });

  async function* body() {
    yield head;
    let sent = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_SIZE })) {
      sent += (chunk as Buffer).length;
      yield chunk as Buffer;
      onProgress?.(sent);
    }
    yield tail;
  }

  try {
    // S3 may answer (e.g. 400 EntityTooLarge) before the body is sent; the response wins then.
    const [res] = await Promise.all([response, pipeline(body, req).catch(() => undefined)]);
    const status = res.statusCode ?? 0;
    const text = await readBody(res);
    if (status >= 200 && status < 300) return;
    const error = parseS3Error(text);
    throw new S3PostError(status, error?.code ?? "HttpError", error?.message ?? text.slice(0, 200));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new S3NetworkError(describeNetworkError(error, `S3 at ${url.origin}`));
  }
}

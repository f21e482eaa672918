/**
 * Step two of an upload: the multipart/form-data POST of a presigned policy, streamed from disk
 * with a computed Content-Length. Every policy field goes first and the file part last, as S3
 * requires. The encoding is written here, not taken from a form library, because S3 needs an
 * exact Content-Length for a streamed file and the fastest path is one pipeline of buffers and
 * file chunks.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import { pipeline } from "node:stream/promises";
import { CliError, describeNetworkError } from "../errors.ts";
import { openRequest, readBody } from "../net/http.ts";
import { parseS3Error, S3NetworkError, S3PostError } from "./s3-errors.ts";

export interface PostTarget {
  url: string;
  fields: Record<string, string>;
}

export function multipartParts(fields: Record<string, string>, boundary: string) {
  const fieldParts = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("");
  const head = Buffer.from(
    `${fieldParts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { head, tail };
}

export async function postFile(
  target: PostTarget,
  path: string,
  size: number,
  onProgress?: (sent: number) => void,
): Promise<void> {
  const url = new URL(target.url);
  const boundary = `----fleetdrop${randomBytes(12).toString("hex")}`;
  const { head, tail } = multipartParts(target.fields, boundary);

  async function* body() {
    yield head;
    let sent = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      sent += (chunk as Buffer).length;
      yield chunk as Buffer;
      onProgress?.(sent);
    }
    yield tail;
  }

  try {
    const { req, response } = await openRequest(url, {
      method: "POST",
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": head.length + size + tail.length,
      },
      idleTimeoutMs: 120_000,
    });
    // S3 may answer (e.g. 400 EntityTooLarge) before the body is sent; the response wins then.
    const [res] = await Promise.all([response, pipeline(body, req).catch(() => undefined)]);
    await answer(res);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new S3NetworkError(describeNetworkError(error, `S3 at ${url.origin}`));
  }
}

async function answer(res: IncomingMessage): Promise<void> {
  const status = res.statusCode ?? 0;
  const text = await readBody(res);
  if (status >= 200 && status < 300) return;
  const error = parseS3Error(text);
  throw new S3PostError(status, error?.code ?? "HttpError", error?.message ?? text.slice(0, 200));
}

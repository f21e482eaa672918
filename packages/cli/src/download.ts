/**
 * The machine-side transfer: stream an object into a temporary file while hashing it. Dropped
 * connections resume with an HTTP Range request from the last byte written; an expired or
 * refused URL is replaced by a fresh one from /download. Memory stays flat: chunks go to disk.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CliError, describeNetworkError } from "./errors.ts";
import { fsyncPath } from "./fsync.ts";
import { parseS3Error, readBody, request } from "./http.ts";

const MAX_ATTEMPTS = 5;

export interface DownloadResult {
  sha256: string;
  size: number;
}

export async function downloadToFile(
  firstUrl: string,
  freshUrl: () => Promise<string>,
  tempPath: string,
  onProgress?: (done: number, total: number) => void,
): Promise<DownloadResult> {
  // Claim the name exclusively; each attempt then streams into it from its offset.
  await (await open(tempPath, "wx", 0o644)).close();
  let hash = createHash("sha256");
  let offset = 0;
  let total: number | undefined;
  let url = firstUrl;
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 2)));
    let res: IncomingMessage;
    try {
      res = await get(new URL(url), offset > 0 ? { Range: `bytes=${offset}-` } : {});
    } catch (error) {
      lastError = new CliError(describeNetworkError(error, "S3"));
      continue;
    }
    const status = res.statusCode ?? 0;
    if (status === 403 || status === 400) {
      // Presigned URLs expire (and die with the signing session): ask the API for a new one.
      const s3Error = parseS3Error(await readBody(res));
      lastError = new CliError(`S3 refused the download: ${s3Error?.message ?? status} (${s3Error?.code ?? status})`);
      url = await freshUrl();
      continue;
    }
    if (status === 200 && offset > 0) {
      // The server ignored the Range: start over.
      offset = 0;
      hash = createHash("sha256");
    } else if (status === 206 && !(res.headers["content-range"] ?? "").startsWith(`bytes ${offset}-`)) {
      res.resume();
      lastError = new CliError(`S3 answered an unexpected range: ${res.headers["content-range"]}`);
      continue;
    } else if (status !== 200 && status !== 206) {
      const s3Error = parseS3Error(await readBody(res));
      throw new CliError(`S3 answered ${status}${s3Error ? `: ${s3Error.message} (${s3Error.code})` : ""}`);
    }
    total = totalSize(res, offset) ?? total;
    // Bytes count as downloaded (and hashed) only once they are on disk, so a resume after a
    // dropped connection starts exactly where the file ends.
    const handle = await open(tempPath, offset === 0 ? "w" : "r+");
    const sink = new Writable({
      highWaterMark: 1024 * 1024,
      writev(chunks, callback) {
        const buffers = chunks.map(({ chunk }) => chunk as Buffer);
        const length = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
        handle.writev(buffers, offset).then(({ bytesWritten }) => {
          if (bytesWritten !== length) return callback(new Error(`short write: ${bytesWritten} of ${length} bytes`));
          buffers.forEach((buffer) => hash.update(buffer));
          offset += length;
          onProgress?.(offset, total ?? offset);
          callback();
        }, callback);
      },
    });
    try {
      await pipeline(res, sink);
    } catch (error) {
      lastError = new CliError(describeNetworkError(error, "S3"));
      continue;
    } finally {
      await handle.close();
    }
    if (total === undefined || offset === total) {
      await fsyncPath(tempPath);
      return { sha256: hash.digest("hex"), size: offset };
    }
    lastError = new CliError(`The download stopped at ${offset} of ${total} bytes.`);
  }
  throw lastError instanceof Error ? lastError : new CliError("The download failed.");
}

function get(url: URL, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", headers });
    req.once("response", resolve);
    req.once("error", reject);
    req.setTimeout(60_000, () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
    req.end();
  });
}

function totalSize(res: IncomingMessage, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(res.headers["content-range"] ?? "");
  if (range) return Number(range[1]);
  const length = res.headers["content-length"];
  return length === undefined ? undefined : offset + Number(length);
}

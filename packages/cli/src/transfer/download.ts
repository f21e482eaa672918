/**
 * The machine-side transfer of one object into a temporary file, in one pass: each chunk is
 * hashed as it arrives while earlier chunks are being written (file-sink.ts). A dropped
 * connection resumes with an HTTP Range request from the last byte received, once every received
 * byte is in the file. An expired or refused URL is replaced by a fresh one from /download, and so
 * is a 404 (the file was replaced between the redirect and the GET): then the new file is
 * downloaded from byte 0.
 */
import { createHash, type Hash } from "node:crypto";
import { open } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { CliError, describeNetworkError } from "../errors.ts";
import { readBody, send } from "../net/http.ts";
import { FileSink } from "./file-sink.ts";
import { parseS3Error } from "./s3-errors.ts";

const MAX_FAILURES = 5;
const MAX_REPLACEMENTS = 3;

export interface DownloadTarget {
  url: string;
  /** The sha256 the API announced for this object. */
  sha256: string;
  /** The upload it belongs to (X-Fleetdrop-Upload-Id), when the API named it. */
  uploadId?: string | undefined;
}

export interface DownloadOptions {
  /** A fresh URL from the API: the last one expired, was refused, or its object is gone. */
  refresh(reason: "refused" | "gone"): Promise<DownloadTarget>;
  onProgress?: (done: number, total: number) => void;
}

export interface DownloadResult {
  /** The sha256 of the bytes in the file, and what the API announced for the object fetched. */
  sha256: string;
  expectedSha256: string;
  uploadId?: string | undefined;
  size: number;
}

export async function downloadToFile(
  first: DownloadTarget,
  tempPath: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const handle = await open(tempPath, "wx", 0o644);
  try {
    return await download(first, new FileSink(handle), options);
  } finally {
    await handle.close();
  }
}

async function download(first: DownloadTarget, sink: FileSink, options: DownloadOptions): Promise<DownloadResult> {
  let target = first;
  let hash: Hash = createHash("sha256");
  let total: number | undefined;
  let failures = 0;
  let replacements = 0;
  let lastError: unknown;
  const startOver = async () => {
    await sink.restart();
    hash = createHash("sha256");
    total = undefined;
  };
  const replaceUrl = async (reason: "refused" | "gone") => {
    const fresh = await options.refresh(reason);
    if (fresh.sha256 !== target.sha256) {
      if (++replacements > MAX_REPLACEMENTS)
        throw new CliError("The file kept changing on the server during the download.");
      await startOver();
    }
    target = fresh;
  };

  while (failures < MAX_FAILURES) {
    if (failures > 0) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (failures - 1)));
    const offset = sink.position;
    let res: IncomingMessage;
    try {
      res = await send(new URL(target.url), {
        method: "GET",
        headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
      });
    } catch (error) {
      failures++;
      lastError = new CliError(describeNetworkError(error, "S3"));
      continue;
    }
    const status = res.statusCode ?? 0;
    if (status === 403 || status === 400 || status === 404) {
      // Presigned URLs expire (and die with the signing session); a 404 means the file was
      // replaced after the redirect. Either way the API knows what to fetch now.
      const s3Error = parseS3Error(await readBody(res));
      failures++;
      lastError = new CliError(`S3 refused the download: ${s3Error?.message ?? status} (${s3Error?.code ?? status})`);
      await replaceUrl(status === 404 ? "gone" : "refused");
      continue;
    }
    if (status === 200 && offset > 0) {
      await startOver(); // the server ignored the Range
    } else if (status === 206 && !String(res.headers["content-range"] ?? "").startsWith(`bytes ${offset}-`)) {
      res.resume();
      failures++;
      lastError = new CliError(`S3 answered an unexpected range: ${res.headers["content-range"]}`);
      continue;
    } else if (status !== 200 && status !== 206) {
      const s3Error = parseS3Error(await readBody(res));
      throw new CliError(`S3 answered ${status}${s3Error ? `: ${s3Error.message} (${s3Error.code})` : ""}`);
    }
    total = totalSize(res, sink.position) ?? total;
    try {
      for await (const chunk of res) {
        hash.update(chunk as Buffer);
        const room = sink.write(chunk as Buffer);
        if (room) await room;
        options.onProgress?.(sink.position, total ?? sink.position);
      }
    } catch (error) {
      await sink.drain(); // a resume starts where the file ends
      failures++;
      lastError = new CliError(describeNetworkError(error, "S3"));
      continue;
    }
    if (total === undefined || sink.position === total) {
      await sink.finish();
      return {
        sha256: hash.digest("hex"),
        expectedSha256: target.sha256,
        uploadId: target.uploadId,
        size: sink.position,
      };
    }
    await sink.drain();
    failures++;
    lastError = new CliError(`The download stopped at ${sink.position} of ${total} bytes.`);
  }
  throw lastError instanceof Error ? lastError : new CliError("The download failed.");
}

function totalSize(res: IncomingMessage, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(String(res.headers["content-range"] ?? ""));
  if (range) return Number(range[1]);
  const length = res.headers["content-length"];
  return length === undefined ? undefined : offset + Number(length);
}

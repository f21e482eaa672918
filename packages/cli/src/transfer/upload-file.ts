/**
 * One whole upload: hash while streaming, declare, POST the bytes to S3 (retried when transient),
 * then wait for the ObjectCreated handler's verdict. Shared by `upload` and `upload-dir`.
 */
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Upload } from "@fleetdrop/core/upload";
import pRetry, { AbortError } from "p-retry";
import type { ApiClient } from "../api-client.ts";
import { CliError, UsageError } from "../errors.ts";
import { progressBar, spinner } from "../ui/progress.ts";
import { sha256File } from "./hash.ts";
import { postFile } from "./multipart.ts";
import { S3PostError } from "./s3-errors.ts";

export interface UploadOptions {
  wait: boolean;
  contentType?: string;
  showProgress: boolean;
  waitTimeoutMs?: number;
  postRetries?: number;
  /** The sha256 of the file, when the caller has already hashed it. */
  sha256?: string;
  /** Bytes of the file sent to S3 so far (an attempt that is retried starts again from 0). */
  onSent?: (sent: number) => void;
}

export interface UploadResult {
  upload: Upload.Upload;
  bytes: number;
}

export async function uploadFile(
  api: ApiClient,
  machineId: string,
  path: string,
  options: UploadOptions,
): Promise<UploadResult> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`Not a file: ${path}`);
  if (info.size === 0) throw new UsageError(`The file is empty: ${path}`);

  const hashing = progressBar("hashing  ", info.size, options.showProgress && !options.sha256);
  const sha256 =
    options.sha256 ?? (await sha256File(path, (done) => hashing.update(done)).finally(() => hashing.stop()));

  const intent = await api.declareUpload({
    machineId,
    filename: basename(path),
    size: info.size,
    sha256,
    ...(options.contentType ? { contentType: options.contentType } : {}),
  });

  const sending = progressBar("uploading", info.size, options.showProgress);
  try {
    await pRetry(
      async () => {
        try {
          await postFile(intent, path, info.size, (sent) => {
            sending.update(sent);
            options.onSent?.(sent);
          });
        } catch (error) {
          if (error instanceof S3PostError && !error.transient) throw new AbortError(error);
          throw error;
        }
      },
      {
        retries: options.postRetries ?? 3,
        minTimeout: 500,
        factor: 2,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0)
            process.stderr.write(`${machineId}: ${error.message}; retrying (attempt ${attemptNumber + 1})\n`);
        },
      },
    );
  } finally {
    sending.stop();
  }

  if (!options.wait) return { upload: await api.getUpload(intent.uploadId), bytes: info.size };
  const waiting = spinner(`waiting for ${machineId}'s upload ${intent.uploadId} to be verified`, options.showProgress);
  try {
    return { upload: await verdict(api, intent.uploadId, options.waitTimeoutMs ?? 10 * 60_000), bytes: info.size };
  } finally {
    waiting.stop();
  }
}

async function verdict(api: ApiClient, uploadId: string, timeoutMs: number): Promise<Upload.Upload> {
  const deadline = Date.now() + timeoutMs;
  let delay = 200;
  for (;;) {
    const upload = await api.getUpload(uploadId);
    if (upload.status !== "pending") return upload;
    if (Date.now() > deadline)
      throw new CliError(`Upload ${uploadId} is still pending after ${Math.round(timeoutMs / 1000)} s.`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 1.5, 2000);
  }
}

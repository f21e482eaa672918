/**
 * The machine side's install of its file at <path>, only if it changed, verified and atomically:
 * the old file is replaced only by a complete download whose sha256 matches the API's, via rename
 * in the same directory after the data is on disk. Anything else (a mismatch, Ctrl-C, a failure)
 * leaves it untouched and removes the temporary file.
 */
import { randomBytes } from "node:crypto";
import { chmod, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ApiClient } from "../api-client.ts";
import { CliError, UsageError } from "../errors.ts";
import { type Progress, progressBar } from "../ui/progress.ts";
import { type DownloadTarget, downloadToFile } from "./download.ts";
import { fsyncPath } from "./fsync.ts";
import { currentSha256, remember } from "./local-copy.ts";

export interface FetchResult {
  status: "updated" | "unchanged";
  sha256: string;
  path: string;
  /** The upload installed (updated) or current (unchanged), from X-Fleetdrop-Upload-Id. */
  uploadId?: string | undefined;
}

export async function fetchFile(
  api: ApiClient,
  machineId: string,
  out: string,
  showProgress: boolean,
): Promise<FetchResult> {
  const path = resolve(out);
  if (out.endsWith("/") || (await stat(path).catch(() => undefined))?.isDirectory()) {
    throw new UsageError("--out must name a file, not a directory.");
  }
  if (!(await stat(dirname(path)).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`--out's directory does not exist: ${dirname(path)}`);
  }

  const have = await currentSha256(path);
  let currentUploadId: string | undefined;
  const askApi = async (ifNoneMatch?: string): Promise<DownloadTarget | undefined> => {
    const answer = await api.requestDownload(machineId, ifNoneMatch);
    currentUploadId = answer.uploadId;
    if (answer.status === 304) return undefined;
    if (!answer.location || !answer.sha256 || !/^[0-9a-f]{64}$/.test(answer.sha256)) {
      throw new CliError("The API's answer lacks a Location or a valid X-Content-SHA256.");
    }
    return { url: answer.location, sha256: answer.sha256, uploadId: answer.uploadId };
  };
  const first = await askApi(have);
  if (!first) return { status: "unchanged", sha256: have!, path, uploadId: currentUploadId };

  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.part`);
  const cleanUp = () => rm(temp, { force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let progress: Progress | undefined;
  try {
    const got = await downloadToFile(first, temp, {
      refresh: async () => (await askApi())!,
      onProgress: (done, total) => {
        progress ??= progressBar("downloading", total, showProgress);
        progress.update(done);
      },
    });
    progress?.stop();
    if (got.sha256 !== got.expectedSha256) {
      throw new CliError(`sha256 mismatch: expected ${got.expectedSha256}, got ${got.sha256}. Kept the old file.`);
    }
    // Keep the old file's permissions (e.g. an executable bit) on the new one.
    const old = await stat(path).catch(() => undefined);
    if (old) await chmod(temp, old.mode & 0o7777);
    await rename(temp, path);
    await fsyncPath(dirname(path)); // makes the rename itself durable
    await remember(path, got.sha256);
    return { status: "updated", sha256: got.sha256, path, uploadId: got.uploadId };
  } finally {
    progress?.stop();
    await cleanUp();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

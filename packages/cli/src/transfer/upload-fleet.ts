/**
 * One file per machine from a directory: match files to registered machines (fleet-files.ts), skip
 * machines whose current file already has the file's sha256, and upload the rest a few at a time.
 * Each file's result is reported as soon as it is known; nothing is guessed.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import type { ApiClient } from "../api-client.ts";
import { UsageError } from "../errors.ts";
import { matchFiles } from "../fleet-files.ts";
import { sha256File } from "./hash.ts";
import { uploadFile } from "./upload-file.ts";

export interface FileResult {
  file: string;
  machineId?: string;
  outcome: "uploaded" | "failed" | "skipped" | "would upload";
  status?: string;
  uploadId?: string;
  bytes?: number;
  message?: string;
}

export interface FleetOptions {
  concurrency: number;
  dryRun: boolean;
  /** Called once the byte total is known, then with the bytes sent (or skipped) so far. */
  onTotal?: (bytes: number) => void;
  onBytes?: (done: number) => void;
  onResult: (result: FileResult) => void;
}

export async function uploadFleet(api: ApiClient, dir: string, options: FleetOptions): Promise<FileResult[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`Not a readable directory: ${dir}`);
  });
  const current = new Map((await api.listMachines()).map((m) => [m.machineId, m.file?.sha256]));
  const results: FileResult[] = [];
  const report = (result: FileResult) => {
    results.push(result);
    options.onResult(result);
  };
  entries
    .filter((entry) => entry.name.startsWith(".") || !entry.isFile())
    .forEach((entry) =>
      report({ file: entry.name, outcome: "skipped", message: entry.isFile() ? "hidden file" : "not a regular file" }),
    );

  const candidates = entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
  const matches = matchFiles(candidates, new Set(current.keys()));
  const sizes = new Map<string, number>();
  for (const match of matches)
    if ("machineId" in match) sizes.set(match.file, (await stat(join(dir, match.file))).size);
  options.onTotal?.([...sizes.values()].reduce((sum, size) => sum + size, 0));
  const moved = new Map<string, number>();
  const count = (file: string, bytes: number) => {
    moved.set(file, bytes);
    options.onBytes?.([...moved.values()].reduce((sum, n) => sum + n, 0));
  };

  const limit = pLimit(options.concurrency);
  await Promise.all(
    matches.map((match) =>
      limit(async () => {
        if ("problem" in match) return report({ file: match.file, outcome: "failed", message: match.problem });
        const { file, machineId } = match;
        const size = sizes.get(file)!;
        try {
          const sha256 = await sha256File(join(dir, file));
          if (current.get(machineId) === sha256) {
            count(file, size);
            return report({ file, machineId, outcome: "skipped", bytes: size, message: "already current" });
          }
          if (options.dryRun) return report({ file, machineId, outcome: "would upload", bytes: size });
          const { upload } = await uploadFile(api, machineId, join(dir, file), {
            wait: true,
            showProgress: false,
            sha256,
            onSent: (sent) => count(file, sent),
          });
          report({
            file,
            machineId,
            outcome: upload.status === "active" ? "uploaded" : "failed",
            status: upload.status,
            uploadId: upload.uploadId,
            bytes: size,
            ...(upload.reason ? { message: upload.reason } : {}),
          });
        } catch (error) {
          report({ file, machineId, outcome: "failed", message: (error as Error).message });
        }
      }),
    ),
  );
  return results;
}

import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import pLimit from "p-limit";
import type { ApiClient } from "../api-client.ts";
import { CliError, UsageError } from "../errors.ts";
import { matchFiles } from "../fleet-files.ts";
import { bytes, printJson, seconds } from "../format.ts";
import { uploadFile } from "../upload-file.ts";

interface FileResult {
  file: string;
  machineId?: string;
  outcome: "uploaded" | "failed" | "skipped";
  status?: string;
  uploadId?: string;
  bytes?: number;
  message?: string;
}

export function uploadDirCommand(client: () => Promise<ApiClient>): Command {
  return new Command("upload-dir")
    .description("upload <dir>/<machineId>.<ext> (or <dir>/<machineId>) to each machine")
    .argument("<dir>", "directory with one file per machine")
    .addOption(new Option("--concurrency <n>", "uploads in parallel").default(4).argParser(concurrency))
    .option("--json", "print JSON")
    .action(async (dir: string, options: { concurrency: number; json?: boolean }) => {
      const started = Date.now();
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
        throw new UsageError(`Not a readable directory: ${dir}`);
      });
      const api = await client();
      const machineIds = new Set((await api.listMachines()).map((m) => m.machineId));

      const results: FileResult[] = entries
        .filter((entry) => entry.name.startsWith(".") || !entry.isFile())
        .map((entry) => ({ file: entry.name, outcome: "skipped", message: entry.isFile() ? "hidden file" : "not a regular file" }));
      const report = (result: FileResult) => {
        results.push(result);
        if (!options.json) process.stdout.write(formatLine(result) + "\n");
      };
      if (!options.json) results.forEach((result) => process.stdout.write(formatLine(result) + "\n"));

      const candidates = entries.filter((entry) => entry.isFile() && !entry.name.startsWith(".")).map((entry) => entry.name).sort();
      const limit = pLimit(options.concurrency);
      await Promise.all(
        matchFiles(candidates, machineIds).map((match) =>
          limit(async () => {
            if ("problem" in match) return report({ file: match.file, outcome: "failed", message: match.problem });
            try {
              const { upload, bytes: size } = await uploadFile(api, match.machineId, join(dir, match.file), { wait: true, showProgress: false });
              const ok = upload.status === "active";
              report({
                file: match.file,
                machineId: match.machineId,
                outcome: ok ? "uploaded" : "failed",
                status: upload.status,
                uploadId: upload.uploadId,
                bytes: size,
                ...(upload.reason ? { message: upload.reason } : {}),
              });
            } catch (error) {
              report({ file: match.file, machineId: match.machineId, outcome: "failed", message: (error as Error).message });
            }
          }),
        ),
      );

      const count = (outcome: FileResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
      const summary = {
        uploaded: count("uploaded"),
        failed: count("failed"),
        skipped: count("skipped"),
        bytes: results.reduce((sum, r) => sum + (r.outcome === "uploaded" ? (r.bytes ?? 0) : 0), 0),
        seconds: (Date.now() - started) / 1000,
      };
      if (options.json) printJson({ results, summary });
      else {
        process.stdout.write(
          `\n${summary.uploaded} uploaded, ${summary.failed} failed, ${summary.skipped} skipped; ${bytes(summary.bytes)} in ${seconds(Date.now() - started)}\n`,
        );
      }
      if (summary.failed > 0) throw new CliError(`${summary.failed} of ${results.length} files failed.`, 1);
    });
}

function formatLine(result: FileResult): string {
  const mark = { uploaded: "ok  ", failed: "FAIL", skipped: "skip" }[result.outcome];
  const target = result.machineId ? ` -> ${result.machineId}` : "";
  const detail = [result.status, result.bytes !== undefined ? bytes(result.bytes) : undefined, result.message].filter(Boolean).join(", ");
  return `${mark} ${result.file}${target}${detail ? `  (${detail})` : ""}`;
}

function concurrency(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 64) throw new InvalidArgumentError("must be a whole number from 1 to 64");
  return parsed;
}

import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import pLimit from "p-limit";
import type { ApiClient } from "../api-client.ts";
import { CliError, UsageError } from "../errors.ts";
import { matchFiles } from "../fleet-files.ts";
import { sha256File } from "../transfer/hash.ts";
import { uploadFile } from "../transfer/upload-file.ts";
import { bytes, printJson, seconds } from "../ui/format.ts";
import { progressBar } from "../ui/progress.ts";
import { terminalSafe } from "../ui/safe-text.ts";

interface FileResult {
  file: string;
  machineId?: string;
  outcome: "uploaded" | "failed" | "skipped" | "would upload";
  status?: string;
  uploadId?: string;
  bytes?: number;
  message?: string;
}

interface Options {
  concurrency: number;
  dryRun?: boolean;
  json?: boolean;
}

export function uploadDirCommand(client: () => Promise<ApiClient>): Command {
  return new Command("upload-dir")
    .description("upload <dir>/<machineId>.<ext> (or <dir>/<machineId>) to each machine whose current file differs")
    .argument("<dir>", "directory with one file per machine")
    .addOption(new Option("--concurrency <n>", "uploads in parallel").default(4).argParser(concurrency))
    .option("--dry-run", "show what would be uploaded, upload nothing")
    .option("--json", "print JSON")
    .action(async (dir: string, options: Options) => {
      const started = Date.now();
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
        throw new UsageError(`Not a readable directory: ${dir}`);
      });
      const api = await client();
      const current = new Map((await api.listMachines()).map((m) => [m.machineId, m.file?.sha256]));

      const candidates = entries.filter((entry) => entry.isFile() && !entry.name.startsWith(".")).map((entry) => entry.name).sort();
      const matches = matchFiles(candidates, new Set(current.keys()));
      const sizes = new Map<string, number>();
      for (const match of matches) if ("machineId" in match) sizes.set(match.file, (await stat(join(dir, match.file))).size);
      const totalBytes = [...sizes.values()].reduce((sum, size) => sum + size, 0);
      const progress = progressBar("uploading", totalBytes, !options.json && !options.dryRun && Boolean(process.stderr.isTTY));
      const sent = new Map<string, number>();
      const moved = () => progress.update([...sent.values()].reduce((sum, n) => sum + n, 0));

      const results: FileResult[] = [];
      const report = (result: FileResult) => {
        results.push(result);
        if (!options.json) progress.print(formatLine(result));
      };
      entries
        .filter((entry) => entry.name.startsWith(".") || !entry.isFile())
        .forEach((entry) => report({ file: entry.name, outcome: "skipped", message: entry.isFile() ? "hidden file" : "not a regular file" }));

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
                sent.set(file, size);
                moved();
                return report({ file, machineId, outcome: "skipped", bytes: size, message: "already current" });
              }
              if (options.dryRun) return report({ file, machineId, outcome: "would upload", bytes: size });
              const { upload } = await uploadFile(api, machineId, join(dir, file), {
                wait: true,
                showProgress: false,
                sha256,
                onSent: (n) => {
                  sent.set(file, n);
                  moved();
                },
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
      progress.stop();

      const count = (outcome: FileResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
      const summary = {
        uploaded: count("uploaded"),
        failed: count("failed"),
        skipped: count("skipped"),
        ...(options.dryRun ? { wouldUpload: count("would upload") } : {}),
        bytes: results.reduce((sum, r) => sum + (r.outcome === "uploaded" ? (r.bytes ?? 0) : 0), 0),
        seconds: (Date.now() - started) / 1000,
      };
      if (options.json) printJson({ results, summary });
      else if (options.dryRun) {
        process.stdout.write(`\ndry run: ${summary.wouldUpload} would be uploaded, ${summary.failed} failed, ${summary.skipped} skipped\n`);
      } else {
        process.stdout.write(
          `\n${summary.uploaded} uploaded, ${summary.failed} failed, ${summary.skipped} skipped; ` +
            `${bytes(summary.bytes)} in ${seconds(Date.now() - started)}\n`,
        );
      }
      if (summary.failed > 0) throw new CliError(`${summary.failed} of ${results.length} files failed.`, 1);
    });
}

function formatLine(result: FileResult): string {
  const mark = { uploaded: "ok  ", failed: "FAIL", skipped: "skip", "would upload": "plan" }[result.outcome];
  const target = result.machineId ? ` -> ${result.machineId}` : "";
  const size = result.bytes !== undefined ? bytes(result.bytes) : undefined;
  const detail = [result.status, size, result.message].filter(Boolean).join(", ");
  return terminalSafe(`${mark} ${result.file}${target}${detail ? `  (${detail})` : ""}`);
}

function concurrency(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 64) throw new InvalidArgumentError("must be a whole number from 1 to 64");
  return parsed;
}

import { Command, InvalidArgumentError, Option } from "commander";
import type { ApiClient } from "../api-client.ts";
import { CliError } from "../errors.ts";
import { type FileResult, uploadFleet } from "../transfer/upload-fleet.ts";
import { bytes, printJson, seconds } from "../ui/format.ts";
import { type Progress, progressBar } from "../ui/progress.ts";
import { terminalSafe } from "../ui/safe-text.ts";

export function uploadDirCommand(client: () => Promise<ApiClient>): Command {
  return new Command("upload-dir")
    .description("upload <dir>/<machineId>.<ext> (or <dir>/<machineId>) to each machine whose current file differs")
    .argument("<dir>", "directory with one file per machine")
    .addOption(new Option("--concurrency <n>", "uploads in parallel").default(4).argParser(concurrency))
    .option("--dry-run", "show what would be uploaded, upload nothing")
    .option("--json", "print JSON")
    .action(async (dir: string, options: { concurrency: number; dryRun?: boolean; json?: boolean }) => {
      const started = Date.now();
      const showBar = !options.json && !options.dryRun && Boolean(process.stderr.isTTY);
      let progress: Progress | undefined;
      const results = await uploadFleet(await client(), dir, {
        concurrency: options.concurrency,
        dryRun: Boolean(options.dryRun),
        onTotal: (total) => (progress = progressBar("uploading", total, showBar)),
        onBytes: (done) => progress?.update(done),
        onResult: (result) => {
          if (options.json) return;
          if (progress) progress.print(formatLine(result));
          else process.stdout.write(`${formatLine(result)}\n`);
        },
      });
      progress?.stop();

      const count = (outcome: FileResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
      const uploadedBytes = results.reduce((sum, r) => sum + (r.outcome === "uploaded" ? (r.bytes ?? 0) : 0), 0);
      const summary = {
        uploaded: count("uploaded"),
        failed: count("failed"),
        skipped: count("skipped"),
        ...(options.dryRun ? { wouldUpload: count("would upload") } : {}),
        bytes: uploadedBytes,
        seconds: (Date.now() - started) / 1000,
      };
      const tally = `${summary.failed} failed, ${summary.skipped} skipped`;
      if (options.json) printJson({ results, summary });
      else if (options.dryRun) process.stdout.write(`\ndry run: ${summary.wouldUpload} would be uploaded, ${tally}\n`);
      else
        process.stdout.write(
          `\n${summary.uploaded} uploaded, ${tally}; ${bytes(uploadedBytes)} in ${seconds(Date.now() - started)}\n`,
        );
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
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 64)
    throw new InvalidArgumentError("must be a whole number from 1 to 64");
  return parsed;
}

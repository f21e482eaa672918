/**
 * The machine side: fetch this machine's file to <path> only if it changed, verified and atomically.
 * The old file is replaced only by a complete download whose sha256 matches the API's header, via
 * rename in the same directory after fsync; anything else leaves it untouched and removes the
 * temporary file.
 */
import { randomBytes } from "node:crypto";
import { chmod, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Command } from "commander";
import { ApiClient } from "../api-client.ts";
import { apiUrl, machineToken } from "../config.ts";
import { downloadToFile } from "../download.ts";
import { CliError, UsageError } from "../errors.ts";
import { printJson } from "../format.ts";
import { fsyncPath } from "../fsync.ts";
import { currentSha256, remember } from "../local-copy.ts";
import { progressBar, type Progress } from "../progress.ts";

export function fetchCommand(): Command {
  return new Command("fetch")
    .description("machine side: download this machine's file to --out if it changed (uses FLEETDROP_MACHINE_TOKEN)")
    .argument("<id>", "this machine's id")
    .requiredOption("--out <path>", "where the file lives on this machine")
    .option("--json", "print JSON")
    .action(async (id: string, options: { out: string; json?: boolean }) => {
      const api = new ApiClient(apiUrl(), machineToken());
      const path = resolve(options.out);
      if (options.out.endsWith("/") || (await stat(path).catch(() => undefined))?.isDirectory()) {
        throw new UsageError("--out must name a file, not a directory.");
      }
      if (!(await stat(dirname(path)).catch(() => undefined))?.isDirectory()) {
        throw new UsageError(`--out's directory does not exist: ${dirname(path)}`);
      }

      const have = await currentSha256(path);
      const answer = await api.requestDownload(id, have);
      const report = (status: "updated" | "unchanged", sha256: string) => {
        if (options.json) printJson({ machineId: id, status, sha256, path });
        else process.stdout.write(status + "\n");
      };
      if (answer.status === 304) return report("unchanged", have!);
      if (!answer.location || !answer.sha256 || !/^[0-9a-f]{64}$/.test(answer.sha256)) {
        throw new CliError("The API's answer lacks a Location or a valid X-Content-SHA256.");
      }
      const expected = answer.sha256;

      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.part`);
      const cleanUp = () => rm(temp, { force: true });
      const onSignal = (signal: NodeJS.Signals) => {
        void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      const showProgress = !options.json && Boolean(process.stderr.isTTY);
      let progress: Progress | undefined;
      try {
        const fresh = async () => {
          const again = await api.requestDownload(id);
          if (again.sha256 !== expected || !again.location) throw new CliError("The file changed on the server during the download; run fetch again.");
          return again.location;
        };
        const got = await downloadToFile(answer.location, fresh, temp, (done, total) => {
          progress ??= progressBar("downloading", total, showProgress);
          progress.update(done);
        });
        if (got.sha256 !== expected) {
          throw new CliError(`sha256 mismatch: expected ${expected}, got ${got.sha256}. Kept the old file.`);
        }
        // Keep the old file's permissions (e.g. an executable bit) on the new one.
        const old = await stat(path).catch(() => undefined);
        if (old) await chmod(temp, old.mode & 0o7777);
        await rename(temp, path);
        await fsyncPath(dirname(path)); // makes the rename itself durable
        await remember(path, expected);
        report("updated", expected);
      } finally {
        progress?.stop();
        await cleanUp();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

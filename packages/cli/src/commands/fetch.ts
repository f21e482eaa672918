import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Command } from "commander";
import { ApiClient } from "../api-client.ts";
import { apiUrl, machineCredentials } from "../config.ts";
import { printJson } from "../ui/format.ts";

const execHelp =
  "after an update is installed, run CMD and report installed (exit 0) or failed (its exit code and " +
  "the last 2 KB of its stderr). CMD is split into words like a shell does (quotes, backslashes) but " +
  "no shell runs it: write `sh -c '...'` for pipes or variables. Env: FLEETDROP_FILE, FLEETDROP_SHA256, " +
  "FLEETDROP_UPLOAD_ID";

export function fetchCommand(version: string): Command {
  return new Command("fetch")
    .description("machine side: download this machine's file to --out if it changed (uses FLEETDROP_MACHINE_TOKEN)")
    .argument("<id>", "this machine's id")
    .requiredOption("--out <path>", "where the file lives on this machine")
    .option("--exec <cmd>", execHelp)
    .option("--report", "report `installed` after an update (implied by --exec)")
    .option("--json", "print JSON")
    .action(async (id: string, options: { out: string; exec?: string; report?: boolean; json?: boolean }) => {
      const api = new ApiClient(apiUrl(), machineCredentials(), version);
      const path = resolve(options.out);
      // Everything about reports is loaded only when it is needed: a plain 304 poll stays light.
      const hook = options.exec === undefined ? undefined : await import("../delivery/hook.ts");
      const argv = hook?.parseCommand(options.exec!);
      // Reports an earlier run could not send go first, whatever this poll brings.
      if (await stat(`${path}.fleetdrop-report.json`).catch(() => undefined)) {
        const { flushReports, describeFlush } = await import("../delivery/pending-reports.ts");
        describeFlush(await flushReports(api, path));
      }
      const { fetchFile } = await import("../transfer/fetch-file.ts");
      const result = await fetchFile(api, id, options.out, !options.json && Boolean(process.stderr.isTTY));
      const report =
        result.status === "updated" && (argv || options.report)
          ? await (await import("../delivery/report-install.ts")).reportInstall(api, id, result, argv)
          : undefined;
      if (options.json) printJson({ machineId: id, ...result, ...(report ? { report } : {}) });
      else process.stdout.write(`${result.status}\n`);
      if (report?.status === "failed") process.exitCode = 1;
    });
}

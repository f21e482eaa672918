import { Command } from "commander";
import { ApiClient } from "../api-client.ts";
import { apiUrl, machineCredentials } from "../config.ts";
import { printJson } from "../ui/format.ts";

export function fetchCommand(): Command {
  return new Command("fetch")
    .description("machine side: download this machine's file to --out if it changed (uses FLEETDROP_MACHINE_TOKEN)")
    .argument("<id>", "this machine's id")
    .requiredOption("--out <path>", "where the file lives on this machine")
    .option("--json", "print JSON")
    .action(async (id: string, options: { out: string; json?: boolean }) => {
      const api = new ApiClient(apiUrl(), machineCredentials());
      // Loaded only when a fetch runs: the rest of the CLI never pays for the transfer code.
      const { fetchFile } = await import("../transfer/fetch-file.ts");
      const result = await fetchFile(api, id, options.out, !options.json && Boolean(process.stderr.isTTY));
      if (options.json) printJson({ machineId: id, ...result });
      else process.stdout.write(result.status + "\n");
    });
}

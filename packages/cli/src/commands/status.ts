import { Command } from "commander";
import type { ApiClient } from "../api-client.ts";
import { ago, printJson } from "../ui/format.ts";

/** `fleetdrop status`: the fleet summary (GET /fleet), for a person or (--json) a monitoring probe. */
export function statusCommand(client: () => Promise<ApiClient>): Command {
  return new Command("status")
    .description("the fleet at a glance: machines by delivery state, stale machines, recent rejections")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const fleet = await (await client()).fleetSummary();
      if (options.json) return printJson(fleet);
      const s = fleet.states;
      const lines = [
        `Machines     ${fleet.machines}`,
        `Installed    ${s.installed}`,
        `Failed       ${s.failed}`,
        `Downloaded   ${s.downloaded}  (not reported yet)`,
        `Waiting      ${s.waiting}`,
        `No file      ${s.no_file}`,
        `Stale        ${fleet.stale}`,
        `Rejected     ${fleet.rejectedUploads24h}  (uploads, last 24 hours)`,
        `Last change  ${fleet.updatedAt ? `${fleet.updatedAt} (${ago(fleet.updatedAt)})` : "none"}`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}

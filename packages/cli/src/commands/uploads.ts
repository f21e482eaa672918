import { Command } from "commander";
import type { ApiClient } from "../api-client.ts";
import { bytes, printJson } from "../ui/format.ts";
import { terminalSafe } from "../ui/safe-text.ts";

export function uploadsCommand(client: () => Promise<ApiClient>): Command {
  const uploads = new Command("uploads").description("look up uploads");
  uploads
    .command("show")
    .description("show one upload: its machine, file, status and reason")
    .argument("<uploadId>", "upload id, as printed by upload")
    .option("--json", "print JSON")
    .action(async (uploadId: string, options: { json?: boolean }) => {
      const u = await (await client()).getUpload(uploadId);
      if (options.json) return printJson(u);
      const lines = [
        `Upload       ${u.uploadId}`,
        `Machine      ${u.machineId}`,
        `Status       ${u.status}${u.reason ? ` (${terminalSafe(u.reason)})` : ""}`,
        `File         ${terminalSafe(u.filename)}, ${bytes(u.size)}`,
        `sha256       ${u.sha256}`,
        `Created      ${u.createdAt}`,
        ...(u.activatedAt ? [`Activated    ${u.activatedAt}`] : []),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
  return uploads;
}

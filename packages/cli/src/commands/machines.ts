import { Command } from "commander";
import type { ApiClient } from "../api-client.ts";
import { CliError, UsageError } from "../errors.ts";
import { confirm } from "../ui/confirm.ts";
import { bytes, printJson, table } from "../ui/format.ts";
import { terminalSafe } from "../ui/safe-text.ts";

type Client = () => Promise<ApiClient>;

export function machinesCommand(client: Client): Command {
  const machines = new Command("machines").description("register and manage machines");

  machines
    .command("add")
    .description("register a machine and print its token (shown this once)")
    .argument("<id>", "machine id")
    .option("--label <label>", "a human label")
    .option("--json", "print JSON")
    .action(async (id: string, options: { label?: string; json?: boolean }) => {
      const credentials = await (await client()).registerMachine(id, options.label);
      if (options.json) return printJson(credentials);
      process.stdout.write(`Registered ${credentials.machineId}. Its token (shown only now):\n${credentials.token}\n`);
    });

  machines
    .command("list")
    .description("list all machines")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const all = await (await client()).listMachines();
      if (options.json) return printJson({ machines: all });
      const rows = all.map((m) => [
        m.machineId,
        m.label ?? "",
        m.file ? `${m.file.filename} (${bytes(m.file.size)})` : "-",
        m.lastDownloadAt ?? "never",
        String(m.downloadCount),
      ]);
      process.stdout.write(table(["MACHINE", "LABEL", "FILE", "LAST DOWNLOAD", "DOWNLOADS"], rows) + "\n");
    });

  machines
    .command("show")
    .description("show a machine, its current file and its upload history")
    .argument("<id>", "machine id")
    .option("--json", "print JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      const m = await (await client()).getMachine(id);
      if (options.json) return printJson(m);
      const file = m.file
        ? `${terminalSafe(m.file.filename)}, ${bytes(m.file.size)}, active since ${m.file.activatedAt}`
        : "none";
      const lines = [
        `Machine      ${m.machineId}${m.label ? `  (${terminalSafe(m.label)})` : ""}`,
        `Registered   ${m.createdAt}`,
        `File         ${file}`,
        ...(m.file ? [`sha256       ${m.file.sha256}`] : []),
        `Downloads    ${m.downloadCount}${m.lastDownloadAt ? `, last ${m.lastDownloadAt}` : ""}`,
        "",
        table(
          ["UPLOAD", "STATUS", "FILE", "SIZE", "CREATED", "REASON"],
          m.uploads.map((u) => [u.uploadId, u.status, u.filename, bytes(u.size), u.createdAt, u.reason ?? ""]),
        ),
      ];
      process.stdout.write(lines.join("\n") + "\n");
    });

  machines
    .command("rotate-token")
    .description("issue a new token; the old one stops working")
    .argument("<id>", "machine id")
    .option("--json", "print JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      const credentials = await (await client()).rotateToken(id);
      if (options.json) return printJson(credentials);
      process.stdout.write(
        `New token for ${credentials.machineId} (the old one no longer works):\n${credentials.token}\n`,
      );
    });

  machines
    .command("remove")
    .description("remove a machine, its file and its token (asks first on a terminal; --yes in scripts)")
    .argument("<id>", "machine id")
    .option("--yes", "remove without asking")
    .option("--json", "print JSON")
    .action(async (id: string, options: { yes?: boolean; json?: boolean }) => {
      const api = await client();
      if (!options.yes) {
        // A script without --yes is refused: removal cannot be undone, so it is never implied.
        if (!process.stdin.isTTY || !process.stderr.isTTY)
          throw new UsageError("machines remove needs --yes when not run on a terminal.");
        if (!(await confirm(`Remove ${id}, its file and its token? This cannot be undone.`))) {
          throw new CliError(`Kept ${id}: nothing was removed.`);
        }
      }
      await api.removeMachine(id);
      if (options.json) return printJson({ machineId: id, removed: true });
      process.stdout.write(`Removed ${id}.\n`);
    });

  return machines;
}

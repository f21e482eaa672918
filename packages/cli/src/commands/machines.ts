import { Command } from "commander";
import type { ApiClient } from "../api-client.ts";
import { bytes, printJson, table } from "../format.ts";

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
      const lines = [
        `Machine      ${m.machineId}${m.label ? `  (${m.label})` : ""}`,
        `Registered   ${m.createdAt}`,
        `File         ${m.file ? `${m.file.filename}, ${bytes(m.file.size)}, active since ${m.file.activatedAt}` : "none"}`,
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
      process.stdout.write(`New token for ${credentials.machineId} (the old one no longer works):\n${credentials.token}\n`);
    });

  machines
    .command("remove")
    .description("remove a machine, its file and its token")
    .argument("<id>", "machine id")
    .option("--json", "print JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      await (await client()).removeMachine(id);
      if (options.json) return printJson({ machineId: id, removed: true });
      process.stdout.write(`Removed ${id}.\n`);
    });

  return machines;
}

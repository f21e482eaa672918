import { Command, InvalidArgumentError, Option } from "commander";
import type { ApiClient, MachineView as MachineInfo } from "../api-client.ts";
import { CliError, UsageError } from "../errors.ts";
import { confirm } from "../ui/confirm.ts";
import { ago, bytes, printJson, table } from "../ui/format.ts";
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
        m.delivery.state,
        ago(m.lastSeenAt),
        m.stale ? "stale" : "",
        ago(m.lastDownloadAt),
        String(m.downloadCount),
      ]);
      const headers = ["MACHINE", "LABEL", "FILE", "DELIVERY", "LAST SEEN", "STALE", "LAST DOWNLOAD", "DOWNLOADS"];
      process.stdout.write(`${table(headers, rows)}\n`);
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
        `Last seen    ${m.lastSeenAt ? `${m.lastSeenAt} (${ago(m.lastSeenAt)})` : "never"}${m.stale ? ", stale" : ""}`,
        `Delivery     ${deliveryLine(m.delivery)}`,
        ...messageLines(m.delivery.message),
        "",
        table(
          ["UPLOAD", "STATUS", "FILE", "SIZE", "CREATED", "REASON"],
          m.uploads.map((u) => [u.uploadId, u.status, u.filename, bytes(u.size), u.createdAt, u.reason ?? ""]),
        ),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });

  machines
    .command("downloads")
    .description("the machine's download log (each 302), newest first")
    .argument("<id>", "machine id")
    .addOption(new Option("--limit <n>", "entries per page (1-100)").default(20).argParser(pageSize))
    .option("--cursor <cursor>", "continue from a page's next cursor")
    .option("--all", "follow every page")
    .option("--json", "print JSON (one page, with nextCursor)")
    .action(async (id: string, options: { limit: number; cursor?: string; all?: boolean; json?: boolean }) => {
      const api = await client();
      let page = await api.machineDownloads(id, options.limit, options.cursor);
      if (options.json) return printJson(page);
      const rows: string[][] = [];
      for (;;) {
        rows.push(...page.downloads.map((d) => [d.at, d.uploadId, d.sourceIp ?? "-", d.userAgent ?? "-"]));
        if (!options.all || !page.nextCursor) break;
        page = await api.machineDownloads(id, options.limit, page.nextCursor);
      }
      process.stdout.write(`${table(["AT", "UPLOAD", "SOURCE IP", "USER AGENT"], rows)}\n`);
      if (page.nextCursor && !options.all) process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
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

function deliveryLine(d: MachineInfo["delivery"]): string {
  const parts: string[] = [d.state];
  if (d.downloadedAt) parts.push(`downloaded ${d.downloadedAt}`);
  if (d.reportedAt) parts.push(`reported ${d.reportedAt}`);
  if (d.exitCode !== undefined) parts.push(`exit code ${d.exitCode}`);
  return parts.join(", ");
}

function pageSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError("must be a whole number from 1 to 100");
  return n;
}

/** The report's message, its last 10 lines indented under the label, each line terminal-safe. */
function messageLines(message: string | undefined): string[] {
  if (!message) return [];
  const lines = message.replace(/\n$/, "").split("\n").slice(-10).map(terminalSafe);
  return lines.map((line, i) => `${i === 0 ? "Message      " : "             "}${line}`);
}

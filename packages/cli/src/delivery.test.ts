import { randomBytes } from "node:crypto";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningStack, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cliEnv, runCli } from "./testing/cli.ts";
import { type ReportGate, startReportGate } from "./testing/report-gate.ts";

let stack: RunningStack;
let gate: ReportGate;
let dir: string;
beforeAll(async () => {
  stack = await startStack({ env: { LAST_SEEN_RESOLUTION_SECONDS: "0" } });
  gate = await startReportGate(stack.url);
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-delivery-"));
});
afterAll(async () => {
  await gate?.close();
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function machine(id: string) {
  const token = await stack.registerMachine(id);
  return { env: cliEnv(stack, { FLEETDROP_MACHINE_TOKEN: token }), out: join(dir, `${id}.bin`) };
}

async function activate(id: string, content: Buffer) {
  const { upload } = await stack.upload(id, content, `${id}.bin`);
  expect(upload.status).toBe("active");
  return upload.uploadId;
}

const delivery = async (id: string) => (await stack.api("GET", `/machines/${id}`)).body.delivery;
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

test("--exec runs the hook on an update with the file's env and reports installed; a 304 runs nothing", async () => {
  const m = await machine("hook-ok");
  const content = randomBytes(50_000);
  const uploadId = await activate("hook-ok", content);
  expect((await delivery("hook-ok")).state).toBe("waiting");
  const seen = join(dir, "hook-ok.env");
  const hook = `sh -c 'printf "%s %s %s" "$FLEETDROP_FILE" "$FLEETDROP_SHA256" "$FLEETDROP_UPLOAD_ID" > ${seen}'`;

  const run = await runCli(["fetch", "hook-ok", "--out", m.out, "--exec", hook], m.env);
  expect(run).toMatchObject({ code: 0, stdout: "updated\n" });
  expect(await readFile(seen, "utf8")).toBe(`${m.out} ${sha256(content)} ${uploadId}`);
  expect(await delivery("hook-ok")).toMatchObject({ uploadId, state: "installed", exitCode: 0 });

  await rm(seen);
  const again = await runCli(["fetch", "hook-ok", "--out", m.out, "--exec", hook], m.env);
  expect(again).toMatchObject({ code: 0, stdout: "unchanged\n" });
  expect(await exists(seen)).toBe(false);
});

test("a failing hook is reported failed with its exit code and the last 2 KB of its stderr", async () => {
  const m = await machine("hook-bad");
  const uploadId = await activate("hook-bad", randomBytes(1000));
  // 3000 bytes of stderr ending in a multi-byte character and a recognisable tail.
  const script = `printf '%3000s' x | tr ' ' y >&2; printf 'é\\nrestart failed: "disk" \\\\ full\\n' >&2; exit 7`;
  const run = await runCli(
    ["fetch", "hook-bad", "--out", m.out, "--exec", `sh -c '${script.replace(/'/g, "'\\''")}'`],
    m.env,
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("updated\n");
  expect(run.stderr).toMatch(/exited 7; reporting failed/);
  const d = await delivery("hook-bad");
  expect(d).toMatchObject({ uploadId, state: "failed", exitCode: 7 });
  expect(d.message).toMatch(/é\nrestart failed: "disk" \\ full\n$/);
  expect(Buffer.byteLength(d.message ?? "", "utf8")).toBeLessThanOrEqual(2048);
  expect(Buffer.byteLength(d.message ?? "", "utf8")).toBeGreaterThan(2040);
  const shown = await runCli(["machines", "show", "hook-bad"], cliEnv(stack));
  expect(shown.stdout).toMatch(/^Delivery {5}failed, downloaded \S+, reported \S+, exit code 7$/m);
  expect(shown.stdout).toMatch(/^ {13}restart failed: "disk" \\ full$/m);
  // The file itself was installed: the hook ran on it.
  expect(await exists(m.out)).toBe(true);
});

test("--exec without a command, or with unbalanced quotes, is a usage error before anything is fetched", async () => {
  const m = await machine("hook-usage");
  await activate("hook-usage", randomBytes(100));
  const run = await runCli(["fetch", "hook-usage", "--out", m.out, "--exec", "echo 'unterminated"], m.env);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--exec/);
  expect(await exists(m.out)).toBe(false);
});

test("a report the API could not take is kept beside the target and sent first by the next poll, a 304", async () => {
  const m = await machine("report-later");
  const uploadId = await activate("report-later", randomBytes(10_000));
  const env = { ...m.env, FLEETDROP_URL: gate.url };
  gate.closed = true;
  const run = await runCli(["fetch", "report-later", "--out", m.out, "--report"], env);
  expect(run).toMatchObject({ code: 0, stdout: "updated\n" });
  expect(run.stderr).toMatch(/could not send the installed report .*kept for the next fetch/);
  expect(gate.refused).toBeGreaterThan(0);
  expect((await delivery("report-later")).state).toBe("downloaded");
  const pending = JSON.parse(await readFile(`${m.out}.fleetdrop-report.json`, "utf8"));
  expect(pending.reports).toEqual([{ machineId: "report-later", uploadId, status: "installed" }]);

  // Still refused: the report stays, nothing is lost.
  expect((await runCli(["fetch", "report-later", "--out", m.out], env)).stdout).toBe("unchanged\n");
  expect(await exists(`${m.out}.fleetdrop-report.json`)).toBe(true);

  gate.closed = false;
  const next = await runCli(["fetch", "report-later", "--out", m.out], env);
  expect(next).toMatchObject({ code: 0, stdout: "unchanged\n", stderr: "" });
  expect(await delivery("report-later")).toMatchObject({ uploadId, state: "installed" });
  expect(await exists(`${m.out}.fleetdrop-report.json`)).toBe(false);
});

test("machines list shows delivery, last seen and stale; status and machines downloads agree", async () => {
  const m = await machine("cols-1");
  await machine("cols-2"); // never seen: stale, no file
  await activate("cols-1", randomBytes(500));
  expect((await runCli(["fetch", "cols-1", "--out", m.out, "--report"], m.env)).code).toBe(0);

  const list = await runCli(["machines", "list"], cliEnv(stack));
  expect(list.code).toBe(0);
  const lines = list.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^MACHINE\s+LABEL\s+FILE\s+DELIVERY\s+LAST SEEN\s+STALE\s+LAST DOWNLOAD\s+DOWNLOADS$/);
  expect(lines.find((l) => l.startsWith("cols-1 "))).toMatch(
    /cols-1\.bin \(500 B\)\s+installed\s+\d+s ago\s+\d+s ago\s+1$/,
  );
  expect(lines.find((l) => l.startsWith("cols-2 "))).toMatch(/-\s+no_file\s+never\s+stale\s+never\s+0$/);

  const status = await runCli(["status", "--json"], cliEnv(stack));
  const fleet = JSON.parse(status.stdout);
  const api = (await stack.api("GET", "/fleet")).body as unknown as Record<string, unknown>;
  expect(fleet).toEqual(api);
  expect(fleet.states.installed).toBeGreaterThanOrEqual(1);
  const human = await runCli(["status"], cliEnv(stack));
  expect(human.stdout).toMatch(new RegExp(`^Installed\\s+${fleet.states.installed}$`, "m"));
  expect(human.stdout).toMatch(new RegExp(`^Stale\\s+${fleet.stale}$`, "m"));

  // Three more 302s (a missing target file is fetched again): four downloads, two per page.
  for (let i = 0; i < 3; i++) {
    await rm(m.out);
    expect((await runCli(["fetch", "cols-1", "--out", m.out], m.env)).stdout).toBe("updated\n");
  }
  const page = await runCli(["machines", "downloads", "cols-1", "--limit", "2"], cliEnv(stack));
  const rows = page.stdout.trimEnd().split("\n");
  expect(rows[0]).toMatch(/^AT\s+UPLOAD\s+SOURCE IP\s+USER AGENT$/);
  expect(rows.filter((r) => /^\d{4}-/.test(r))).toHaveLength(2);
  const cursor = /^more: --cursor (\S+)$/m.exec(page.stdout)?.[1];
  expect(cursor, page.stdout).toBeTruthy();
  const all = await runCli(["machines", "downloads", "cols-1", "--limit", "2", "--all"], cliEnv(stack));
  expect(
    all.stdout
      .trimEnd()
      .split("\n")
      .filter((r) => /^\d{4}-/.test(r)),
  ).toHaveLength(4);
  const json = JSON.parse((await runCli(["machines", "downloads", "cols-1", "--json"], cliEnv(stack))).stdout);
  expect(json.downloads).toHaveLength(4);
  expect(json.downloads[0].at >= json.downloads[3].at).toBe(true);
  expect(json.downloads[0].userAgent).toMatch(/^fleetdrop\/\d+\.\d+\.\d+ node\//);
});

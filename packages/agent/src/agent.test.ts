/**
 * The shell agent against the real local stack, under dash and under busybox sh. Under busybox every
 * tool but curl is a busybox applet (sha256sum, awk, sed, mktemp, ...), as on a small machine.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningStack, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startReportGate } from "../../cli/src/testing/report-gate.ts";
import { startFaultProxy } from "../../e2e/src/fault-proxy.ts";

const agent = fileURLToPath(new URL("../fleetdrop-agent.sh", import.meta.url));
const which = (name: string) => execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();

let stack: RunningStack;
let dir: string;
let busyboxPath: string;
beforeAll(async () => {
  stack = await startStack({ env: { LAST_SEEN_RESOLUTION_SECONDS: "0" } });
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-agent-"));
  // A PATH of busybox applets, plus curl (busybox has no curl).
  busyboxPath = join(dir, "busybox-bin");
  await mkdir(busyboxPath);
  const busybox = which("busybox");
  const applets = ["sh", "awk", "sed", "tr", "tail", "cat", "cut", "mktemp", "dirname", "mv", "rm", "chmod", "stat"];
  for (const applet of [...applets, "sha256sum", "sync", "printf", "head", "printenv", "echo"]) {
    await symlink(busybox, join(busyboxPath, applet));
  }
  await symlink(which("curl"), join(busyboxPath, "curl"));
});
afterAll(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const shells = [
  { name: "dash", command: [which("dash")], path: () => process.env.PATH ?? "" },
  { name: "busybox sh", command: [which("busybox"), "sh"], path: () => busyboxPath },
];

describe.each(shells)("fleetdrop-agent.sh under $name", (shell) => {
  const prefix = shell.name.replace(" ", "-");
  function runAgent(env: Record<string, string>): Promise<Run> {
    const child = spawn(shell.command[0]!, [...shell.command.slice(1), agent], {
      env: { PATH: shell.path(), HOME: dir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    return new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  }

  async function machine(name: string) {
    const id = `${prefix}-${name}`;
    const token = await stack.registerMachine(id);
    const out = join(dir, `${id}.bin`);
    const env = {
      FLEETDROP_URL: stack.url,
      FLEETDROP_MACHINE_ID: id,
      FLEETDROP_MACHINE_TOKEN: token,
      FLEETDROP_OUT: out,
    };
    return { id, out, env };
  }

  async function activate(id: string, content: Buffer) {
    const { upload } = await stack.upload(id, content, "app.bin");
    expect(upload.status).toBe("active");
    return upload.uploadId;
  }

  const delivery = async (id: string) => (await stack.api("GET", `/machines/${id}`)).body.delivery;
  const leftovers = async () => (await readdir(dir)).filter((name) => name.startsWith(".fleetdrop-agent."));

  test("update, then unchanged; installed is reported and a 304 runs no hook", async () => {
    const m = await machine("update");
    const content = randomBytes(100_000);
    const uploadId = await activate(m.id, content);
    const seen = join(dir, `${m.id}.hook`);
    const env = {
      ...m.env,
      FLEETDROP_EXEC: `echo "$FLEETDROP_FILE $FLEETDROP_SHA256 $FLEETDROP_UPLOAD_ID" > '${seen}'`,
    };

    const first = await runAgent(env);
    expect(first, first.stderr).toMatchObject({ code: 0, stdout: "updated\n" });
    expect(sha256(await readFile(m.out))).toBe(sha256(content));
    expect(await readFile(seen, "utf8")).toBe(`${m.out} ${sha256(content)} ${uploadId}\n`);
    expect(await delivery(m.id)).toMatchObject({ uploadId, state: "installed" });

    await rm(seen);
    const second = await runAgent(env);
    expect(second, second.stderr).toMatchObject({ code: 0, stdout: "unchanged\n" });
    expect(
      await access(seen).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
    const after = (await stack.api("GET", `/machines/${m.id}`)).body;
    expect(after.downloadCount).toBe(1);
    const log = (await stack.api("GET", `/machines/${m.id}/downloads`)).body.downloads;
    expect(log.map((d) => d.userAgent)).toEqual([expect.stringMatching(/^fleetdrop-agent\.sh \(curl \d/)]);

    const next = randomBytes(5000);
    const nextId = await activate(m.id, next);
    expect((await runAgent(m.env)).stdout).toBe("updated\n");
    expect(sha256(await readFile(m.out))).toBe(sha256(next));
    expect(await delivery(m.id)).toMatchObject({ uploadId: nextId, state: "installed" });
    expect(await leftovers()).toEqual([]);
  });

  test("a corrupted download installs nothing and reports nothing", async () => {
    const m = await machine("corrupt");
    const old = Buffer.from("the old file\n");
    await writeFile(m.out, old);
    await activate(m.id, randomBytes(20_000));
    const proxy = await startFaultProxy(stack.url, "corrupt");
    try {
      const run = await runAgent({ ...m.env, FLEETDROP_URL: proxy.url });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/sha256 mismatch/);
      expect(proxy.bodiesServed()).toBe(1);
    } finally {
      await proxy.close();
    }
    expect(await readFile(m.out)).toEqual(old);
    expect((await delivery(m.id)).state).toBe("downloaded");
    expect(await leftovers()).toEqual([]);
  });

  test("a failing hook is reported failed with its exit code and output, JSON-escaped", async () => {
    const m = await machine("hookfail");
    const uploadId = await activate(m.id, randomBytes(3000));
    // 3000 bytes of output, then a tail with quotes, a backslash, a tab, a control character and UTF-8.
    const hook =
      `i=0; while [ $i -lt 100 ]; do echo 'padding padding padding'; i=$((i+1)); done; ` +
      `printf 'said "no" \\\\ here\\tthen\\001 é\\n' >&2; exit 3`;
    const run = await runAgent({ ...m.env, FLEETDROP_EXEC: hook });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("updated\n");
    expect(run.stderr).toMatch(/the hook exited 3; reporting failed/);
    const d = await delivery(m.id);
    expect(d).toMatchObject({ uploadId, state: "failed", exitCode: 3 });
    expect(d.message).toMatch(/padding padding padding\nsaid "no" \\ here\tthen\u0001 é\n$/);
    expect(Buffer.byteLength(d.message ?? "")).toBeLessThanOrEqual(2048);
    expect(Buffer.byteLength(d.message ?? "")).toBeGreaterThan(2000);
    expect(
      await access(`${m.out}.fleetdrop-agent-reports`).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
  });

  test("a report the API could not take is kept and sent first by the next run, a 304", async () => {
    const m = await machine("later");
    const uploadId = await activate(m.id, randomBytes(2000));
    const gate = await startReportGate(stack.url);
    const pending = `${m.out}.fleetdrop-agent-reports`;
    try {
      const env = { ...m.env, FLEETDROP_URL: gate.url };
      gate.closed = true;
      const first = await runAgent(env);
      expect(first, first.stderr).toMatchObject({ code: 0, stdout: "updated\n" });
      expect(first.stderr).toMatch(/could not send a report \(HTTP 503/);
      expect(gate.refused).toBe(1);
      expect((await delivery(m.id)).state).toBe("downloaded");
      const kept = (await readFile(pending, "utf8")).trimEnd().split("\n");
      expect(kept.map((line) => JSON.parse(line))).toEqual([{ machineId: m.id, uploadId, status: "installed" }]);

      gate.closed = false;
      const second = await runAgent(env);
      expect(second, second.stderr).toMatchObject({ code: 0, stdout: "unchanged\n", stderr: "" });
      expect(await delivery(m.id)).toMatchObject({ uploadId, state: "installed" });
      expect(
        await access(pending).then(
          () => true,
          () => false,
        ),
      ).toBe(false);
    } finally {
      await gate.close();
    }
  });
});

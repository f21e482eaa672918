import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bin, cliEnv } from "./testing/cli.ts";

let stack: RunningStack;
let dir: string;
let file: string;
let token: string;
beforeAll(async () => {
  stack = await startStack();
  token = await stack.registerMachine("tty-1");
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-tty-"));
  file = join(dir, "image.bin");
  await writeFile(file, randomBytes(32 * 1024 * 1024));
});
afterAll(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI on a real pseudo-terminal (util-linux `script`), as an interactive shell would. */
async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const command = [process.execPath, bin, ...args].map(shellQuote).join(" ");
  const { stdout } = await promisify(execFile)("script", ["-qfec", command, "/dev/null"], {
    env: { ...env, COLUMNS: "120" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** What stays on each line of the screen: the text after the last carriage return, escapes removed. */
function screenLines(raw: string): string[] {
  return raw
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
    .split(/\r?\n/)
    .map((line) => line.slice(line.lastIndexOf("\r") + 1).trimEnd());
}

test("on a terminal, upload shows bars with rate and ETA, a spinner while verifying, and a result on its own line", async () => {
  const raw = await onTerminal(["upload", "tty-1", file], { ...cliEnv(stack), TERM: "xterm" });
  const screen = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
  expect(screen).toMatch(/hashing +\[[█░]{24}\] 100% \| 32\.0 MiB \/ 32\.0 MiB \| [\d.]+ [KMG]iB\/s \| ETA \d+s/);
  expect(screen).toMatch(/uploading \[[█░]{24}\] 100% \| 32\.0 MiB \/ 32\.0 MiB \| [\d.]+ [KMG]iB\/s \| ETA \d+s/);
  expect(screen).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting for tty-1's upload [0-9A-Z]{26} to be verified \d+s/);
  expect(screenLines(raw)).toContainEqual(
    expect.stringMatching(/^tty-1: image\.bin \(32\.0 MiB\) is active as [0-9A-Z]{26}$/),
  );
});

test("on a terminal, fetch prints updated on its own line, never glued to the bar", async () => {
  const env = { ...cliEnv(stack), TERM: "xterm", FLEETDROP_MACHINE_TOKEN: token };
  const raw = await onTerminal(["fetch", "tty-1", "--out", join(dir, "out.bin")], env);
  expect(raw).toMatch(/downloading \[/);
  expect(screenLines(raw).filter(Boolean).at(-1)).toBe("updated");
});

test.each<Record<string, string>>([{ TERM: "dumb" }, { TERM: "xterm", NO_COLOR: "1" }])(
  "with %j progress is plain ASCII without escapes",
  async (term) => {
    await writeFile(join(dir, "small.bin"), randomBytes(4 * 1024 * 1024));
    const raw = await onTerminal(["upload", "tty-1", join(dir, "small.bin")], { ...cliEnv(stack), ...term });
    expect(raw).toMatch(/uploading \[[#-]{24}\] 100%/);
    expect(raw).toMatch(/[|/\\-] waiting for tty-1's upload/);
    expect(raw).not.toMatch(/[^\x20-\x7e\r\n]/); // printable ASCII only: no escapes, no block characters
    expect(screenLines(raw)).toContainEqual(
      expect.stringMatching(/^tty-1: small\.bin \(4\.0 MiB\) is active as [0-9A-Z]{26}$/),
    );
  },
);

test("machines remove asks on a terminal: anything but y keeps the machine, y removes it", async () => {
  await stack.registerMachine("ask-1");
  const answer = async (reply: string) => {
    const command = [process.execPath, bin, "machines", "remove", "ask-1"].map(shellQuote).join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env: { ...cliEnv(stack), TERM: "xterm" } });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("[y/N]") && !child.stdin.writableEnded) child.stdin.end(`${reply}\n`);
    });
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    return { code, out };
  };
  const kept = await answer("n");
  expect(kept.out).toContain("Remove ask-1, its file and its token? This cannot be undone. [y/N]");
  expect(kept.code).toBe(1);
  expect(kept.out).toMatch(/Kept ask-1: nothing was removed/);
  expect((await stack.api("GET", "/machines/ask-1")).status).toBe(200);
  const removed = await answer("y");
  expect(removed.code).toBe(0);
  expect(removed.out).toMatch(/Removed ask-1\./);
  expect((await stack.api("GET", "/machines/ask-1")).status).toBe(404);
});

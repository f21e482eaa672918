import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startStack, type RunningStack } from "@fleetdrop/e2e/harness";
import { bin, cliEnv } from "./testing/cli.ts";

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

// util-linux `script` gives the CLI a real pseudo-terminal, as an interactive shell would.
test("on a terminal, upload shows a progress bar with rate and ETA", async () => {
  await stack.registerMachine("tty-1");
  const file = join(await mkdtemp(join(tmpdir(), "fleetdrop-tty-")), "image.bin");
  await writeFile(file, randomBytes(32 * 1024 * 1024));
  const command = [process.execPath, bin, "upload", "tty-1", file].map(shellQuote).join(" ");
  const { stdout } = await promisify(execFile)("script", ["-qfec", command, "/dev/null"], {
    env: { ...cliEnv(stack), TERM: "xterm", COLUMNS: "120" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const screen = stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
  expect(screen).toMatch(/hashing +\[[█░]+\] 100% \| 32\.0 MiB \/ 32\.0 MiB \| [\d.]+ [KMG]iB\/s \| ETA \d+s/);
  expect(screen).toMatch(/uploading \[[█░]+\] 100% \| 32\.0 MiB \/ 32\.0 MiB \| [\d.]+ [KMG]iB\/s \| ETA \d+s/);
  expect(screen).toMatch(/tty-1: image\.bin \(32\.0 MiB\) is active as [0-9A-Z]{26}/);
});

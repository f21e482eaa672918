import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningStack, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { collect } from "./testing/cli.ts";

// The machine side as a fleet machine has it: the one file, the system's Node (20 here, outside
// npm's PATH with its Node 24), an empty working directory and no node_modules anywhere near.
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

function systemNode(): { path: string; version: string } {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((dir) => dir && !dir.includes("node_modules"));
  for (const dir of [...dirs, "/usr/local/bin", "/usr/bin"]) {
    const path = join(dir, "node");
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ["--version"], { encoding: "utf8" }).trim();
    if (version.startsWith("v20.")) return { path, version };
  }
  throw new Error(
    "No Node 20 outside node_modules on PATH, /usr/local/bin or /usr/bin: the test needs the system's Node 20.",
  );
}

let stack: RunningStack;
let node: { path: string; version: string };
let home: string;
let cli: string;
beforeAll(async () => {
  node = systemNode();
  home = await mkdtemp(join(tmpdir(), "fleetdrop-machine-"));
  cli = join(home, "fleetdrop.mjs");
  await copyFile(process.env.FLEETDROP_CLI_BUNDLE!, cli);
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}) =>
  collect(
    spawn(node.path, [cli, ...args], {
      cwd: home,
      env: { PATH: "/usr/bin:/bin", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );

test("the bundle holds no AWS SDK and no core code that runs", async () => {
  const text = await readFile(cli, "utf8");
  expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
  expect(text.match(/@aws-sdk|S3Client|DynamoDB|zod/g)).toBeNull();
  expect(text.length).toBeLessThan(200 * 1024);
});

test("the system's Node 20 runs --version and --help from an empty directory", async () => {
  expect(node.version).toMatch(/^v20\./);
  const { version } = JSON.parse(await readFile(join(repoRoot, "packages/cli/package.json"), "utf8"));
  expect(await run(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  const help = await run(["--help"]);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: fleetdrop/);
  expect(help.stdout).toMatch(/uploads +look up uploads/);
});

test("upload, then fetch (updated), then fetch again (unchanged), on Node 20 against the local stack", async () => {
  const token = await stack.registerMachine("node20-m");
  const content = randomBytes(2 * 1024 * 1024 + 3);
  await writeFile(join(home, "app.bin"), content);
  const admin = { FLEETDROP_URL: stack.url, FLEETDROP_ADMIN_TOKEN: stack.adminToken };
  const uploaded = await run(["upload", "node20-m", "app.bin", "--json"], admin);
  expect(uploaded.stderr).toBe("");
  expect(JSON.parse(uploaded.stdout)).toMatchObject({ status: "active", sha256: sha256(content) });

  const machine = { FLEETDROP_URL: stack.url, FLEETDROP_MACHINE_TOKEN: token };
  expect(await run(["fetch", "node20-m", "--out", "current.bin"], machine)).toMatchObject({
    code: 0,
    stdout: "updated\n",
  });
  expect(sha256(await readFile(join(home, "current.bin")))).toBe(sha256(content));
  expect(await run(["fetch", "node20-m", "--out", "current.bin"], machine)).toMatchObject({
    code: 0,
    stdout: "unchanged\n",
  });
  expect((await readdir(home)).sort()).toEqual([
    ".current.bin.fleetdrop.json",
    "app.bin",
    "current.bin",
    "fleetdrop.mjs",
  ]);
});

test("npx fleetdrop in the repo runs the sources", async () => {
  const out = execFileSync("npx", ["--no-install", "fleetdrop", "--version"], { cwd: repoRoot, encoding: "utf8" });
  const { version } = JSON.parse(await readFile(join(repoRoot, "packages/cli/package.json"), "utf8"));
  expect(out).toBe(`${version}\n`);
});

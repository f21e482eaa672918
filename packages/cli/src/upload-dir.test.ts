import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningStack, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cliEnv, runCli } from "./testing/cli.ts";

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack();
});
const dirs: string[] = [];
afterAll(async () => {
  await stack?.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function fleetDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-fleet-"));
  dirs.push(dir);
  return dir;
}

test("20 machines in parallel with one bad file: per-file lines, a summary, exit 1", async () => {
  const dir = await fleetDir();
  const contents = new Map<string, Buffer>();
  for (let i = 1; i <= 20; i++) {
    const machineId = i === 7 ? "line.7" : `node-${String(i).padStart(2, "0")}`;
    await stack.registerMachine(machineId);
    const content = randomBytes(1000 + i);
    contents.set(machineId, content);
    await writeFile(join(dir, i % 3 === 0 ? machineId : `${machineId}.bin`), content);
  }
  await writeFile(join(dir, "stranger.bin"), randomBytes(10)); // no such machine
  await writeFile(join(dir, ".DS_Store"), "x"); // hidden: skipped
  await mkdir(join(dir, "archive")); // not a file: skipped

  const run = await runCli(["upload-dir", dir, "--concurrency", "6"], cliEnv(stack));
  expect(run.code).toBe(1);
  const lines = run.stdout.trim().split("\n");
  expect(lines.filter((line) => line.startsWith("ok  "))).toHaveLength(20);
  expect(run.stdout).toMatch(/^FAIL stranger\.bin {2}\(no registered machine has this name\)$/m);
  expect(run.stdout).toMatch(/^skip \.DS_Store/m);
  expect(run.stdout).toMatch(/^ok {3}line\.7\.bin -> line\.7 {2}\(active, /m);
  expect(lines.at(-1)).toMatch(/^20 uploaded, 1 failed, 2 skipped; \d+\.\d KiB in \d+\.\d s$/);

  for (const [machineId, content] of contents) {
    const machine = (await stack.api("GET", `/machines/${machineId}`)).body;
    expect(machine.file?.sha256, machineId).toBe(sha256(content));
  }
});

test("ambiguous names and two files for one machine are reported, not guessed; --json gives one document", async () => {
  const dir = await fleetDir();
  await stack.registerMachine("cell");
  await stack.registerMachine("cell.a");
  await stack.registerMachine("twin");
  await stack.registerMachine("solo");
  await writeFile(join(dir, "cell.a.bin"), randomBytes(10)); // "cell" or "cell.a"?
  await writeFile(join(dir, "twin.bin"), randomBytes(10));
  await writeFile(join(dir, "twin.txt"), randomBytes(10));
  await writeFile(join(dir, "solo.zip"), randomBytes(10));

  const run = await runCli(["upload-dir", dir, "--json"], cliEnv(stack));
  expect(run.code).toBe(1);
  const { results, summary } = JSON.parse(run.stdout);
  expect(summary).toMatchObject({ uploaded: 1, failed: 3, skipped: 0, bytes: 10 });
  const byFile = Object.fromEntries(results.map((r: { file: string }) => [r.file, r]));
  expect(byFile["cell.a.bin"].message).toMatch(/ambiguous: could be cell or cell\.a/);
  expect(byFile["twin.bin"].message).toMatch(/several files for twin/);
  expect(byFile["solo.zip"]).toMatchObject({ machineId: "solo", outcome: "uploaded", status: "active" });
  expect((await stack.api("GET", "/machines/cell")).body.file).toBeNull();
  expect((await stack.api("GET", "/machines/twin")).body.file).toBeNull();
});

test("a directory where every file goes through exits 0", async () => {
  const dir = await fleetDir();
  await stack.registerMachine("alone-1");
  await writeFile(join(dir, "alone-1.cfg"), "setting=1\n");
  const run = await runCli(["upload-dir", dir], cliEnv(stack));
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/1 uploaded, 0 failed, 0 skipped/);
});

test("a missing directory is a usage error", async () => {
  const run = await runCli(["upload-dir", "/no/such/dir"], cliEnv(stack));
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/Not a readable directory/);
});

test("--dry-run uploads nothing; machines whose current file has the same sha256 are skipped", async () => {
  const dir = await fleetDir();
  await stack.registerMachine("same-1");
  await stack.registerMachine("same-2");
  await writeFile(join(dir, "same-1.bin"), "one\n");
  await writeFile(join(dir, "same-2.bin"), "two\n");

  const dry = await runCli(["upload-dir", dir, "--dry-run"], cliEnv(stack));
  expect(dry.code).toBe(0);
  expect(dry.stdout).toMatch(/^plan same-1\.bin -> same-1 {2}\(4 B\)$/m);
  expect(dry.stdout).toMatch(/dry run: 2 would be uploaded, 0 failed, 0 skipped/);
  expect((await stack.api("GET", "/machines/same-1")).body.file).toBeNull();

  expect((await runCli(["upload-dir", dir], cliEnv(stack))).stdout).toMatch(/2 uploaded, 0 failed, 0 skipped/);
  await writeFile(join(dir, "same-2.bin"), "two, changed\n");
  const again = await runCli(["upload-dir", dir, "--json"], cliEnv(stack));
  expect(again.code).toBe(0);
  const { results, summary } = JSON.parse(again.stdout);
  expect(summary).toMatchObject({ uploaded: 1, skipped: 1, failed: 0 });
  expect(results).toContainEqual(
    expect.objectContaining({ file: "same-1.bin", outcome: "skipped", message: "already current" }),
  );
  expect((await stack.api("GET", "/machines/same-2")).body.file?.sha256).toBe(sha256("two, changed\n"));
});

import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Intent, type RunningStack, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cliEnv, collect, runCli, spawnCli } from "./testing/cli.ts";

// Events are off and the sweeper activates uploads on demand, so a test can change an active
// object behind Fleetdrop's back (to provoke a hash mismatch) without it being re-verified.
let stack: RunningStack;
let token: string;
let env: Record<string, string>;
let dir: string;
let out: string;
beforeAll(async () => {
  stack = await startStack({
    env: {
      FLEETDROP_LOCAL_EVENTS: "off",
      SWEEPER_OBJECT_MIN_AGE_SECONDS: "0",
      FLEETDROP_SWEEP_INTERVAL_SECONDS: "3600",
    },
  });
  token = await stack.registerMachine("fetcher");
  env = cliEnv(stack, { FLEETDROP_MACHINE_TOKEN: token });
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-fetch-"));
  out = join(dir, "app.bin");
});
afterAll(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function activate(content: Buffer): Promise<Intent> {
  const intent = await stack.declare("fetcher", content, "app.bin");
  expect((await stack.uploadBytes(intent, content)).status).toBe(204);
  await stack.api("POST", "/_local/sweep");
  expect((await stack.api("GET", `/uploads/${intent.uploadId}`)).body.status).toBe("active");
  return intent;
}

const leftovers = async () => (await readdir(dir)).filter((name) => name.endsWith(".part"));

test("fetch prints updated, then unchanged; a locally changed file is fetched again", async () => {
  const v1 = randomBytes(200_000);
  await activate(v1);
  const first = await runCli(["fetch", "fetcher", "--out", out], env);
  expect(first).toMatchObject({ code: 0, stdout: "updated\n" });
  expect(sha256(await readFile(out))).toBe(sha256(v1));

  const second = await runCli(["fetch", "fetcher", "--out", out, "--json"], env);
  expect(second.code).toBe(0);
  expect(JSON.parse(second.stdout)).toMatchObject({ status: "unchanged", sha256: sha256(v1) });
  expect(JSON.parse(await readFile(join(dir, ".app.bin.fleetdrop.json"), "utf8")).sha256).toBe(sha256(v1));

  // Same size, different bytes, newer mtime: the cached hash must not be trusted.
  await writeFile(out, randomBytes(200_000));
  await chmod(out, 0o750);
  const third = await runCli(["fetch", "fetcher", "--out", out], env);
  expect(third.stdout).toBe("updated\n");
  expect(sha256(await readFile(out))).toBe(sha256(v1));
  expect((await stat(out)).mode & 0o777).toBe(0o750);
  expect(await leftovers()).toEqual([]);
});

test("a hash mismatch keeps the old file, removes the temporary file and exits 1", async () => {
  const current = await readFile(out);
  const v2 = randomBytes(150_000);
  const intent = await activate(v2);
  await stack.putOutsideTheFlow(intent.key, randomBytes(150_000));
  const run = await runCli(["fetch", "fetcher", "--out", out], env);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(
    new RegExp(`sha256 mismatch: expected ${sha256(v2)}, got [0-9a-f]{64}\\. Kept the old file\\.`),
  );
  expect((await readFile(out)).equals(current)).toBe(true);
  expect(await leftovers()).toEqual([]);
});

test("an interrupted fetch leaves <path> untouched and no partial file", async () => {
  const before = await readFile(out);
  const big = join(dir, "big.src");
  // Large enough that the fetch is still running when its temporary file appears (64 MiB takes
  // hundreds of milliseconds even on an idle host), small enough to upload quickly under load.
  await writeFile(big, randomBytes(64 * 1024 * 1024));
  const uploaded = await runCli(["upload", "fetcher", big, "--no-wait", "--json"], cliEnv(stack));
  expect(uploaded.code).toBe(0);
  await stack.api("POST", "/_local/sweep");
  expect((await stack.api("GET", `/uploads/${JSON.parse(uploaded.stdout).uploadId}`)).body.status).toBe("active");

  const child = spawnCli(["fetch", "fetcher", "--out", out], env);
  const done = collect(child);
  const deadline = Date.now() + 30_000;
  while ((await leftovers()).length === 0) {
    if (Date.now() > deadline) throw new Error("fetch never created its temporary file within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  child.kill("SIGINT");
  const run = await done;
  expect(run.code).toBe(130);
  expect((await readFile(out)).equals(before)).toBe(true);
  expect(await leftovers()).toEqual([]);
});

test("token problems: missing is a usage error, wrong is a 401, no file is no_file", async () => {
  const missing = await runCli(["fetch", "fetcher", "--out", out], cliEnv(stack));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/FLEETDROP_MACHINE_TOKEN/);
  const wrong = await runCli(["fetch", "fetcher", "--out", out], { ...env, FLEETDROP_MACHINE_TOKEN: "fdm_wrong" });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toMatch(/401 unauthorized/);
  const emptyToken = await stack.registerMachine("fetcher-empty");
  const none = await runCli(["fetch", "fetcher-empty", "--out", join(dir, "none.bin")], {
    ...env,
    FLEETDROP_MACHINE_TOKEN: emptyToken,
  });
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/404 no_file/);
  const noDir = await runCli(["fetch", "fetcher", "--out", join(dir, "missing", "app.bin")], env);
  expect(noDir.code).toBe(2);
  expect(noDir.stderr).toMatch(/directory does not exist/);
});

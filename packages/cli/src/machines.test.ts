import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cliEnv, runCli } from "./testing/cli.ts";

let stack: RunningStack;
let env: Record<string, string>;
beforeAll(async () => {
  stack = await startStack();
  env = cliEnv(stack);
});
const dataDirs: string[] = [];
afterAll(async () => {
  await stack?.stop();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

/** A data dir as a local stack leaves it: its admin token and its API URL. */
async function dataDirWith(token: string, url: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-data-"));
  dataDirs.push(dir);
  await writeFile(join(dir, "admin-token"), `${token}\n`);
  await writeFile(join(dir, "api-url"), `${url}\n`);
  return dir;
}

describe("usage", () => {
  test.each([
    [["bogus"], /unknown command 'bogus'/],
    [["machines", "add"], /missing required argument 'id'/],
    [["machines", "add", "x", "--colour", "red"], /unknown option '--colour'/],
    [["upload", "only-id"], /missing required argument 'file'/],
    [["upload-dir", ".", "--concurrency", "0"], /--concurrency/],
    [["fetch", "m1"], /--out <path>/],
    [[], /Usage: fleetdrop/],
    [["machines", "remove", "x", "--force"], /unknown option '--force'/],
  ])("fleetdrop %j exits 2 with usage", async (args, message) => {
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(message);
  });

  test.each([
    [[]],
    [["machines"]],
    [["machines", "add"]],
    [["machines", "list"]],
    [["machines", "show"]],
    [["machines", "rotate-token"]],
    [["machines", "remove"]],
    [["upload"]],
    [["upload-dir"]],
    [["fetch"]],
  ])("fleetdrop %j --help exits 0", async (args) => {
    const run = await runCli([...args, "--help"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: fleetdrop/);
  });
});

test("--version prints the package's version; help shows defaults without quotes", async () => {
  const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  expect(await runCli(["--version"], env)).toMatchObject({ code: 0, stdout: `${version}\n` });
  const help = await runCli(["upload", "--help"], env);
  expect(help.stdout).toContain("(default: 600)");
  expect(help.stdout).not.toMatch(/default: "/);
});

test("add, list, show, rotate-token and remove, in text and JSON", async () => {
  const added = await runCli(["machines", "add", "cli-m1", "--label", "Bay 1"], env);
  expect(added.code).toBe(0);
  const token = /fdm_[\w-]+/.exec(added.stdout)?.[0];
  expect(token).toBeDefined();

  const list = await runCli(["machines", "list"], env);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/^MACHINE\s+LABEL/);
  expect(list.stdout).toMatch(/cli-m1\s+Bay 1\s+-\s+no_file\s+never\s+stale\s+never\s+0/);

  const listed = JSON.parse((await runCli(["machines", "list", "--json"], env)).stdout);
  expect(listed.machines.map((m: { machineId: string }) => m.machineId)).toContain("cli-m1");

  const shown = JSON.parse((await runCli(["machines", "show", "cli-m1", "--json"], env)).stdout);
  expect(shown).toMatchObject({ machineId: "cli-m1", label: "Bay 1", file: null, uploads: [] });

  const rotated = JSON.parse((await runCli(["machines", "rotate-token", "cli-m1", "--json"], env)).stdout);
  expect(rotated.token).not.toBe(token);

  const unconfirmed = await runCli(["machines", "remove", "cli-m1"], env);
  expect(unconfirmed.code).toBe(2);
  expect(unconfirmed.stderr).toMatch(/needs --yes when not run on a terminal/);
  expect((await stack.api("GET", "/machines/cli-m1")).status).toBe(200);

  const removed = await runCli(["machines", "remove", "cli-m1", "--yes"], env);
  expect(removed.code).toBe(0);
  expect((await stack.api("GET", "/machines/cli-m1")).status).toBe(404);
});

test("API errors exit 1 with the API's sentence", async () => {
  const run = await runCli(["machines", "show", "ghost"], env);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Machine "ghost" is not registered\. \(404 machine_not_found\)/);
  await runCli(["machines", "add", "dup-1"], env);
  const dup = await runCli(["machines", "add", "dup-1"], env);
  expect(dup.code).toBe(1);
  expect(dup.stderr).toMatch(/machine_exists/);
  const bad = await runCli(["machines", "add", "../x"], env);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/invalid_request/);
});

test("a wrong admin token and a server that is down are clear failures", async () => {
  const wrong = await runCli(["machines", "list"], { ...env, FLEETDROP_ADMIN_TOKEN: "not-the-token" });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain(`(401 unauthorized) [${stack.url}; token from FLEETDROP_ADMIN_TOKEN]`);
  const fromFile = await runCli(["machines", "list"], {
    ...env,
    FLEETDROP_DATA_DIR: await dataDirWith("not-the-token", stack.url),
  });
  expect(fromFile.stderr).toMatch(/\(401 unauthorized\) \[.*; token from \/.*\/admin-token\]/);

  const downUrl = `http://127.0.0.1:${await freePort()}`;
  const down = await runCli(["machines", "list"], {
    ...env,
    FLEETDROP_URL: downUrl,
    FLEETDROP_ADMIN_TOKEN: stack.adminToken,
  });
  expect(down.code).toBe(1);
  expect(down.stderr).toMatch(/Cannot reach Fleetdrop at http:\/\/127\.0\.0\.1:\d+: connection refused/);
});

test("another local stack's admin-token file is never used for this URL", async () => {
  const other = `http://127.0.0.1:${await freePort()}`;
  const run = await runCli(["machines", "list"], { ...env, FLEETDROP_URL: other });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`${stack.dataDir}/admin-token belongs to the local stack at ${stack.url}, not ${other}`);
});

test("a URL that answers like S3 says so", async () => {
  const run = await runCli(["machines", "list"], {
    ...env,
    FLEETDROP_URL: stack.s3Endpoint,
    FLEETDROP_ADMIN_TOKEN: "x",
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/answered like S3 \(\d+ \w+: .*\), not like the Fleetdrop API\. Set FLEETDROP_URL/);
});

test("a remote URL without FLEETDROP_ADMIN_TOKEN is a usage error", async () => {
  const run = await runCli(["machines", "list"], {
    ...cliEnv(undefined),
    FLEETDROP_URL: "https://fleetdrop.example.com",
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/Set FLEETDROP_ADMIN_TOKEN/);
});

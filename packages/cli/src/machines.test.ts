import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, startStack, type RunningStack } from "@fleetdrop/testing/harness";
import { cliEnv, runCli } from "./testing.ts";

let stack: RunningStack;
let env: Record<string, string>;
beforeAll(async () => {
  stack = await startStack();
  env = cliEnv(stack);
});
afterAll(() => stack?.stop());

describe("usage", () => {
  test.each([
    [["bogus"], /unknown command 'bogus'/],
    [["machines", "add"], /missing required argument 'id'/],
    [["machines", "add", "x", "--colour", "red"], /unknown option '--colour'/],
    [["upload", "only-id"], /missing required argument 'file'/],
    [["upload-dir", ".", "--concurrency", "0"], /--concurrency/],
    [["fetch", "m1"], /--out <path>/],
    [[], /Usage: fleetdrop/],
  ])("fleetdrop %j exits 2 with usage", async (args, message) => {
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(message);
  });

  test.each([[[]], [["machines"]], [["machines", "add"]], [["machines", "list"]], [["machines", "show"]], [["machines", "rotate-token"]], [["machines", "remove"]], [["upload"]], [["upload-dir"]], [["fetch"]]])(
    "fleetdrop %j --help exits 0",
    async (args) => {
      const run = await runCli([...args, "--help"], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: fleetdrop/);
    },
  );
});

test("add, list, show, rotate-token and remove, in text and JSON", async () => {
  const added = await runCli(["machines", "add", "cli-m1", "--label", "Bay 1"], env);
  expect(added.code).toBe(0);
  const token = /fdm_[\w-]+/.exec(added.stdout)?.[0];
  expect(token).toBeDefined();

  const list = await runCli(["machines", "list"], env);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/^MACHINE\s+LABEL/);
  expect(list.stdout).toMatch(/cli-m1\s+Bay 1\s+-\s+never\s+0/);

  const listed = JSON.parse((await runCli(["machines", "list", "--json"], env)).stdout);
  expect(listed.machines.map((m: { machineId: string }) => m.machineId)).toContain("cli-m1");

  const shown = JSON.parse((await runCli(["machines", "show", "cli-m1", "--json"], env)).stdout);
  expect(shown).toMatchObject({ machineId: "cli-m1", label: "Bay 1", file: null, uploads: [] });

  const rotated = JSON.parse((await runCli(["machines", "rotate-token", "cli-m1", "--json"], env)).stdout);
  expect(rotated.token).not.toBe(token);

  const removed = await runCli(["machines", "remove", "cli-m1"], env);
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
  expect(wrong.stderr).toMatch(/401 unauthorized/);

  const down = await runCli(["machines", "list"], { ...env, FLEETDROP_URL: `http://127.0.0.1:${await freePort()}` });
  expect(down.code).toBe(1);
  expect(down.stderr).toMatch(/Cannot reach Fleetdrop at http:\/\/127\.0\.0\.1:\d+: connection refused/);
});

test("a remote URL without FLEETDROP_ADMIN_TOKEN is a usage error", async () => {
  const run = await runCli(["machines", "list"], { ...cliEnv(undefined), FLEETDROP_URL: "https://fleetdrop.example.com" });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/Set FLEETDROP_ADMIN_TOKEN/);
});

/**
 * `npm start` itself (contract §1), as a developer runs it from the repo root: one process serving
 * everything until Ctrl-C. Explicit free ports, because the defaults (tested by parsing, in
 * packages/local/src/settings.test.ts) would collide with a developer's running stack.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitFor } from "@fleetdrop/testing/harness";
import { afterAll, expect, test } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid!, "SIGKILL");
    await once(child, "exit");
  }
  // Whatever of the group outlived npm (the stack itself, were it stuck) goes too.
  try {
    process.kill(-child!.pid!, "SIGKILL");
  } catch {
    // the group is gone: everything stopped
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** This host's non-loopback IPv4 addresses: the API must not answer on them. */
const outwardAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && info.family === "IPv4" && !info.internal)
    .map((info) => info!.address);

test("npm start serves the API, S3 and DynamoDB on 127.0.0.1 until Ctrl-C, keeping state in FLEETDROP_DATA_DIR", async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fleetdrop-npm-start-"));
  const ports = { api: await freePort(), s3: await freePort(), dynamo: await freePort() };
  const { FLEETDROP_ADMIN_TOKEN: _, ...inherited } = process.env;
  child = spawn("npm", ["start"], {
    cwd: repoRoot,
    // Its own process group, so "Ctrl-C" reaches npm and the stack alike, as in a terminal.
    detached: true,
    env: {
      ...inherited,
      PORT: String(ports.api),
      FLEETDROP_S3_PORT: String(ports.s3),
      FLEETDROP_DYNAMODB_PORT: String(ports.dynamo),
      FLEETDROP_DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const api = `http://127.0.0.1:${ports.api}`;
  await waitFor(
    `npm start to answer GET ${api}/health with 200`,
    async () => {
      if (child!.exitCode !== null) throw new Error(`npm start exited with ${child!.exitCode}:\n${output}`);
      return (await fetch(`${api}/health`)).status === 200;
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  expect(await (await fetch(`${api}/health`)).json()).toEqual({ status: "ok" });
  expect(output).toContain(`API        ${api}`);
  expect(output).toContain(`S3         http://127.0.0.1:${ports.s3}`);
  expect(output).toContain(`DynamoDB   http://127.0.0.1:${ports.dynamo}`);

  // The generated admin token is kept in the data dir, readable by its owner only.
  expect((await stat(join(dataDir, "admin-token"))).mode & 0o777).toBe(0o600);
  // Unsigned requests to the stand-ins still get an answer from them (on 127.0.0.1).
  expect((await fetch(`http://127.0.0.1:${ports.s3}/`)).status).toBeGreaterThanOrEqual(200);
  expect((await fetch(`http://127.0.0.1:${ports.dynamo}/`, { method: "POST" })).status).toBeGreaterThanOrEqual(200);

  // Bound on the loopback address only.
  for (const address of outwardAddresses()) {
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://${address}:${port}/health`), `${address}:${port}`).rejects.toThrow();
    }
  }

  process.kill(-child.pid!, "SIGINT");
  // npm itself dies of the SIGINT, as in a terminal; the stack stops cleanly and frees its ports.
  await waitFor(
    "the stack to stop after Ctrl-C",
    async () => {
      try {
        await fetch(`${api}/health`);
        return false;
      } catch {
        return output.includes("SIGINT: stopping Fleetdrop...");
      }
    },
    { timeoutMs: 20_000, intervalMs: 100 },
  );
  expect(output).not.toMatch(/error while stopping/);
});

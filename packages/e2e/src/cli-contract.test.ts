/**
 * Contract §5 from the outside: `npx fleetdrop` run from the repo root as a user runs it, against
 * the real local stack. The CLI's own tests (packages/cli) cover each command in depth; these pin
 * the clauses a user relies on: the FLEETDROP_URL default, `--json` on add and remove, and
 * `upload-dir --concurrency` really limiting how many uploads run at once.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
let stack: RunningStack;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await stack?.stop();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx fleetdrop <args>` from the repo root, with exactly the given Fleetdrop settings. */
function fleetdrop(args: string[], env: Record<string, string>): Promise<Run> {
  const { FLEETDROP_URL: _u, FLEETDROP_ADMIN_TOKEN: _a, FLEETDROP_MACHINE_TOKEN: _m, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["fleetdrop", ...args],
      { cwd: repoRoot, env: { ...inherited, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const adminEnv = () => ({ FLEETDROP_URL: stack.url, FLEETDROP_ADMIN_TOKEN: stack.adminToken });

test("machines add --json and machines remove --json each print one JSON document", async () => {
  const added = await fleetdrop(["machines", "add", "cli-json-1", "--label", "Line 9", "--json"], adminEnv());
  expect(added.code, added.stderr).toBe(0);
  const credentials = JSON.parse(added.stdout);
  expect(credentials).toEqual({ machineId: "cli-json-1", token: expect.stringMatching(/^fdm_/) });
  expect((await stack.api("GET", "/machines/cli-json-1")).body.label).toBe("Line 9");

  const removed = await fleetdrop(["machines", "remove", "cli-json-1", "--yes", "--json"], adminEnv());
  expect(removed.code, removed.stderr).toBe(0);
  expect(() => JSON.parse(removed.stdout)).not.toThrow();
  expect(JSON.parse(removed.stdout)).toMatchObject({ machineId: "cli-json-1" });
  expect((await stack.api("GET", "/machines/cli-json-1")).status).toBe(404);
});

test("without FLEETDROP_URL the CLI talks to http://127.0.0.1:3000", async () => {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ machines: [], nextCursor: null }));
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(3000, "127.0.0.1", () => resolve(true));
  });
  try {
    const implicit = await fleetdrop(["machines", "list", "--json"], {
      FLEETDROP_ADMIN_TOKEN: "a-token-for-the-default-url",
    });
    if (listening) {
      expect(implicit.code, implicit.stderr).toBe(0);
      expect(JSON.parse(implicit.stdout).machines).toEqual([]);
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(/^GET \/machines\S* Bearer a-token-for-the-default-url$/);
    } else {
      // Port 3000 is taken (a developer's running stack): the CLI must do exactly what it does when
      // told that URL explicitly.
      const explicit = await fleetdrop(["machines", "list", "--json"], {
        FLEETDROP_URL: "http://127.0.0.1:3000",
        FLEETDROP_ADMIN_TOKEN: "a-token-for-the-default-url",
      });
      expect(implicit).toEqual(explicit);
    }
  } finally {
    if (listening) await new Promise((resolve) => server.close(resolve));
  }
});

test("upload-dir --concurrency N runs at most N uploads at once (and does run N)", async () => {
  const machines = Array.from({ length: 5 }, (_, i) => `conc-${i}`);
  for (const machineId of machines) await stack.registerMachine(machineId);
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-concurrency-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));

  const proxy = await countingProxy(stack.url);
  cleanups.push(() => proxy.close());
  for (const limit of [1, 2]) {
    // New bytes each round: a machine that already has a file's bytes is skipped, not uploaded.
    for (const machineId of machines) await writeFile(join(dir, `${machineId}.bin`), randomBytes(1000));
    proxy.reset();
    const run = await fleetdrop(["upload-dir", dir, "--concurrency", String(limit)], {
      FLEETDROP_URL: proxy.url,
      FLEETDROP_ADMIN_TOKEN: stack.adminToken,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.declarations(), `declarations with --concurrency ${limit}`).toBe(machines.length);
    expect(proxy.mostAtOnce(), `declarations in flight at once with --concurrency ${limit}`).toBe(limit);
  }
});

/**
 * An HTTP proxy in front of the API that holds each POST /uploads for 300 ms and records how many
 * were in flight at once: the uploads a CLI runs in parallel overlap there.
 */
async function countingProxy(target: string) {
  let inFlight = 0;
  let most = 0;
  let declarations = 0;
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const declaring = req.method === "POST" && req.url === "/uploads";
    if (declaring) {
      declarations++;
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
      answer.on("end", () => {
        if (declaring) inFlight--;
      });
    });
    req.pipe(upstream);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reset: () => {
      most = 0;
      declarations = 0;
    },
    declarations: () => declarations,
    mostAtOnce: () => most,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Test support, not product code. Runs the real local stack (`packages/local/src/main.ts`, as
 * `npm start` does) in a child process on free ports with a temporary data dir, waits until it
 * answers, and ends it: gently (SIGTERM, data dir removed) or as a crash (SIGKILL, data dir kept).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./helpers.ts";
import { waitFor } from "./wait.ts";

const mainScript = fileURLToPath(new URL("../../local/src/main.ts", import.meta.url));

export interface StackOptions {
  /** Reuse this data dir (kept on stop), e.g. to restart a stack on what it stored. */
  dataDir?: string;
  env?: Record<string, string>;
}

export interface StackProcess {
  url: string;
  /** The dashboard's origin (packages/web/dist served by the stack). */
  webUrl: string;
  s3Endpoint: string;
  dataDir: string;
  adminToken: string;
  env: Record<string, string>;
  logs(): string;
  /** kill -9: no shutdown of any kind; the data dir stays for a restart. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnStack(options: StackOptions = {}): Promise<StackProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "fleetdrop-e2e-")));
  const ports = { api: await freePort(), s3: await freePort(), dynamo: await freePort(), web: await freePort() };
  const env: Record<string, string> = {
    PORT: String(ports.api),
    FLEETDROP_S3_PORT: String(ports.s3),
    FLEETDROP_DYNAMODB_PORT: String(ports.dynamo),
    FLEETDROP_WEB_PORT: String(ports.web),
    FLEETDROP_DATA_DIR: dataDir,
    FLEETDROP_EVENT_RETRY_DELAYS_MS: "100,200",
    ...options.env,
  };
  const child = spawn(process.execPath, [mainScript], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const url = `http://127.0.0.1:${ports.api}`;
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    // A stack that never came up leaves nothing behind either.
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const adminToken = env.FLEETDROP_ADMIN_TOKEN ?? (await readFile(join(dataDir, "admin-token"), "utf8")).trim();
  const running = () => child.exitCode === null && child.signalCode === null;

  return {
    url,
    webUrl: `http://127.0.0.1:${env.FLEETDROP_WEB_PORT}`,
    s3Endpoint: `http://127.0.0.1:${ports.s3}`,
    dataDir,
    adminToken,
    env,
    logs: () => output,
    async kill() {
      if (running()) {
        child.kill("SIGKILL");
        await once(child, "exit");
      }
    },
    async stop() {
      if (running()) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  let exited = false;
  try {
    await waitFor(
      `the local stack at ${url} to answer GET /health with 200`,
      async () => {
        exited = child.exitCode !== null;
        return exited || (await fetch(`${url}/health`)).status === 200;
      },
      // Generous: on a loaded 2-core machine the stack alone can take half a minute to import.
      { timeoutMs: 50_000, intervalMs: 100 },
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  if (exited) throw new Error(`local stack exited with ${child.exitCode}:\n${output()}`);
}

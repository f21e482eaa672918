/** `npm start` when a port it needs is taken: one friendly line naming the port, no stack trace. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";

const mainScript = fileURLToPath(new URL("./main.ts", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function listening(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { server, port: (server.address() as { port: number }).port };
}

test.each(["FLEETDROP_S3_PORT", "FLEETDROP_DYNAMODB_PORT", "PORT"])("%s in use", async (variable) => {
  const taken = await listening();
  const free = async () => {
    const { server, port } = await listening();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return String(port);
  };
  const dataDir = await mkdtemp(join(tmpdir(), "fleetdrop-main-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = {
    PATH: process.env.PATH ?? "",
    FLEETDROP_DATA_DIR: dataDir,
    PORT: await free(),
    FLEETDROP_S3_PORT: await free(),
    FLEETDROP_DYNAMODB_PORT: await free(),
    [variable]: String(taken.port),
  };
  const child = spawn(process.execPath, [mainScript], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdout.resume();
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const [code] = await once(child, "exit");
  clearTimeout(timer);

  expect(code, `the stack should exit at once (stderr: ${stderr})`).toBe(1);
  expect(stderr).toContain(`Fleetdrop could not start: port ${taken.port} is already in use`);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
});

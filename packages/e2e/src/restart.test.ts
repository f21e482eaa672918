import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requestDownload, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, expect, test } from "vitest";

const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

async function newDataDir() {
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-restart-"));
  dataDirs.push(dir);
  return dir;
}

test("machines, tokens, files and the admin token survive a restart with the same data dir", async () => {
  const dataDir = await newDataDir();
  const first = await startStack({ dataDir });
  const token = await first.registerMachine("keeper-1");
  const content = randomBytes(5000);
  await first.upload("keeper-1", content, "kept.bin");
  const adminToken = first.adminToken;
  expect((await stat(join(dataDir, "admin-token"))).mode & 0o777).toBe(0o600);
  await first.stop();

  const second = await startStack({ dataDir });
  try {
    expect(second.adminToken).toBe(adminToken);
    const machine = (await second.api("GET", "/machines/keeper-1")).body;
    expect(machine.file).toMatchObject({ filename: "kept.bin", sha256: sha256(content) });
    const res = await requestDownload(second.url, "keeper-1", token);
    expect(res.status).toBe(302);
    const bytes = Buffer.from(await (await fetch(res.headers.get("location")!)).arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(content));
  } finally {
    await second.stop();
  }
});

test("a second stack with another data dir and other ports runs beside the first", async () => {
  const [a, b] = await Promise.all([
    startStack({ dataDir: await newDataDir() }),
    startStack({ dataDir: await newDataDir() }),
  ]);
  try {
    expect(a.adminToken).not.toBe(b.adminToken);
    await a.registerMachine("only-in-a");
    expect((await b.api("GET", "/machines/only-in-a")).status).toBe(404);
    expect((await a.api("GET", "/machines", undefined, { Authorization: `Bearer ${b.adminToken}` })).status).toBe(401);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test("a second stack on the same data dir refuses to start, saying why; the first keeps running", async () => {
  const dataDir = await newDataDir();
  const first = await startStack({ dataDir });
  try {
    await expect(startStack({ dataDir })).rejects.toThrow(
      /could not start: .* is in use by another running stack \(pid \d+\)/,
    );
    expect((await first.api("GET", "/machines")).status).toBe(200);
  } finally {
    await first.stop();
  }
});

test("FLEETDROP_ADMIN_TOKEN replaces the generated token and no token file is written", async () => {
  const dataDir = await newDataDir();
  const stack = await startStack({ dataDir, env: { FLEETDROP_ADMIN_TOKEN: "a-configured-admin-token-123" } });
  try {
    expect((await stack.api("GET", "/machines")).status).toBe(200);
    await expect(stat(join(dataDir, "admin-token"))).rejects.toThrow();
  } finally {
    await stack.stop();
  }
});

/**
 * kill -9 of the local stack while uploads are under way: after a restart on the same data dir and
 * a sweep, every upload that S3 acknowledged (204) is accounted for: the newest of each machine is
 * its file and serves its bytes, the older ones are superseded. Nothing acknowledged is lost.
 * (s3rver itself may be left with half-written objects of uploads cut off by the kill, which its
 * HEAD and LIST then fail on; the sweep logs those items and goes on, so failures are allowed.)
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningStack, requestDownload, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, expect, test } from "vitest";

const env = { SWEEPER_OBJECT_MIN_AGE_SECONDS: "0", FLEETDROP_SWEEP_INTERVAL_SECONDS: "3600", LOG_LEVEL: "error" };
let dataDir: string;
const stacks: RunningStack[] = [];
afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test("kill -9 during uploads loses nothing that was acknowledged", async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fleetdrop-kill-"));
  const first = await startStack({ dataDir, env });
  stacks.push(first);
  const machines = ["k-0", "k-1", "k-2", "k-3", "k-4"];
  const tokens = new Map<string, string>();
  for (const id of machines) tokens.set(id, await first.registerMachine(id));

  const acknowledged: { machineId: string; uploadId: string; sha256: string }[] = [];
  let killed = false;
  const uploads = Array.from({ length: 40 }, async (_, i) => {
    const machineId = machines[i % machines.length]!;
    const content = randomBytes(2048 + i);
    try {
      const intent = await first.declare(machineId, content);
      const res = await first.uploadBytes(intent, content);
      if (res.status === 204) acknowledged.push({ machineId, uploadId: intent.uploadId, sha256: sha256(content) });
    } catch {
      // Cut off by the kill: not acknowledged, so nothing is promised about it.
    }
  });
  const deadline = Date.now() + 60_000;
  while (acknowledged.length < 15 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(acknowledged.length, "uploads acknowledged before the kill").toBeGreaterThanOrEqual(15);
  await first.kill();
  killed = true;
  await Promise.all(uploads);
  expect(killed).toBe(true);

  const second = await startStack({ dataDir, env });
  stacks.push(second);
  const sweep = await second.api("POST", "/_local/sweep");
  expect(sweep.status, second.logs()).toBe(200);
  await second.idle();

  for (const machineId of machines) {
    const mine = acknowledged
      .filter((u) => u.machineId === machineId)
      .sort((a, b) => a.uploadId.localeCompare(b.uploadId));
    if (mine.length === 0) continue;
    const view = (await second.api("GET", `/machines/${machineId}`)).body;
    const newest = mine.at(-1)!;
    // An upload cut off after S3 stored it (but before the 204 arrived) may be newer still.
    expect((view.file?.uploadId ?? "") >= newest.uploadId, machineId).toBe(true);
    for (const upload of mine) {
      const status = (await second.api("GET", `/uploads/${upload.uploadId}`)).body.status;
      expect(status, `${machineId} ${upload.uploadId}`).toBe(
        upload.uploadId === view.file?.uploadId ? "active" : "superseded",
      );
    }
    const download = await requestDownload(second.url, machineId, tokens.get(machineId));
    expect(download.status).toBe(302);
    const bytes = Buffer.from(await (await fetch(download.headers.get("Location")!)).arrayBuffer());
    expect(sha256(bytes)).toBe(view.file!.sha256);
  }
});

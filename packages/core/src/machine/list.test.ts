import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { Download } from "../download/index.ts";
import { Report } from "../report/index.ts";
import { declare, putObject } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Machine } from "./index.ts";

/** Machines under one fresh id prefix, so other tests' machines in the shared table never match. */
async function fleet() {
  const prefix = `flt${randomBytes(3).toString("hex")}-`;
  const ids: Record<string, string> = {};
  for (const state of ["no_file", "waiting", "downloaded", "installed", "failed", "waiting2"]) {
    const machineId = `${prefix}${state}`;
    const { token } = await Machine.register({ machineId });
    ids[state] = machineId;
    if (state === "no_file") continue;
    const content = randomBytes(8);
    const intent = await declare(machineId, content);
    await putObject(intent.key, content);
    await Upload.processObject(intent.key);
    if (state.startsWith("waiting")) continue;
    await Download.request({ machineId, token });
    if (state === "installed" || state === "failed") {
      await Report.submit({ machineId, uploadId: intent.uploadId, status: state }, token);
    }
  }
  return { prefix, ids };
}

const idsOf = (page: { machines: Machine.Info[] }) => page.machines.map((m) => m.machineId);

test("filters by state, staleness and id prefix, combined", async () => {
  const { prefix, ids } = await fleet();
  const all = await Machine.list({ limit: 100, q: prefix });
  expect(idsOf(all).sort()).toEqual(Object.values(ids).sort());
  for (const state of ["no_file", "downloaded", "installed", "failed"] as const) {
    expect(idsOf(await Machine.list({ limit: 100, q: prefix, state }))).toEqual([ids[state]]);
  }
  expect(idsOf(await Machine.list({ limit: 100, q: prefix, state: "waiting" })).sort()).toEqual(
    [ids.waiting, ids.waiting2].sort(),
  );
  // Seen: the three that downloaded (a 302 sets lastSeenAt); never seen: the other three.
  const fresh = [ids.downloaded, ids.installed, ids.failed].sort();
  expect(idsOf(await Machine.list({ limit: 100, q: prefix, stale: false })).sort()).toEqual(fresh);
  expect(idsOf(await Machine.list({ limit: 100, q: prefix, stale: true })).sort()).toEqual(
    [ids.no_file, ids.waiting, ids.waiting2].sort(),
  );
  expect(idsOf(await Machine.list({ limit: 100, q: prefix, stale: true, state: "waiting" })).sort()).toEqual(
    [ids.waiting, ids.waiting2].sort(),
  );
  expect(idsOf(await Machine.list({ limit: 100, q: prefix, stale: false, state: "waiting" }))).toEqual([]);
  expect(idsOf(await Machine.list({ limit: 100, q: `${prefix}zzz` }))).toEqual([]);
});

test("a filtered list pages with its cursor through every match exactly once", async () => {
  const { prefix, ids } = await fleet();
  for (const filter of [{ state: "waiting" as const }, { stale: true }, {}]) {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await Machine.list({ limit: 1, q: prefix, ...filter, ...(cursor ? { cursor } : {}) });
      expect(page.machines.length).toBeLessThanOrEqual(1);
      seen.push(...idsOf(page));
      cursor = page.nextCursor ?? undefined;
      expect(++pages).toBeLessThan(20);
    } while (cursor);
    const expected = await Machine.list({ limit: 100, q: prefix, ...filter });
    expect(seen).toEqual(idsOf(expected));
    expect(new Set(seen).size).toBe(seen.length);
  }
  expect(Object.keys(ids)).toHaveLength(6);
});

test("a filtered list reads on past a page of machines that do not match, to fill its page", async () => {
  const prefix = `fill${randomBytes(3).toString("hex")}-`;
  // More machines without a file than one read takes (100), all sorted before the one that matches.
  await Promise.all(Array.from({ length: 105 }, (_, i) => Machine.register({ machineId: `${prefix}a${i}` })));
  const machineId = `${prefix}z`;
  await Machine.register({ machineId });
  const content = randomBytes(8);
  const intent = await declare(machineId, content);
  await putObject(intent.key, content);
  await Upload.processObject(intent.key);
  const page = await Machine.list({ limit: 10, q: prefix, state: "waiting" });
  expect(idsOf(page)).toEqual([machineId]);
  expect(page.nextCursor).toBeNull();
});

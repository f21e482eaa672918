/**
 * GET /fleet's numbers and the removals the sweeper finishes, over a table of their own (the shared
 * one holds every other test's machines), so the counts are exact.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { createPrivateTable, webhookEnvironment } from "../testing/webhooks.ts";

let m: {
  Fleet: typeof import("./index.ts").Fleet;
  Machine: typeof import("../machine/index.ts").Machine;
  Upload: typeof import("../upload/index.ts").Upload;
  Download: typeof import("../download/index.ts").Download;
  Report: typeof import("../report/index.ts").Report;
  testing: typeof import("../testing/index.ts");
};

beforeAll(async () => {
  const table = await createPrivateTable();
  for (const [name, value] of Object.entries(webhookEnvironment(undefined, table))) vi.stubEnv(name, value);
  vi.resetModules();
  m = {
    Fleet: (await import("./index.ts")).Fleet,
    Machine: (await import("../machine/index.ts")).Machine,
    Upload: (await import("../upload/index.ts")).Upload,
    Download: (await import("../download/index.ts")).Download,
    Report: (await import("../report/index.ts")).Report,
    testing: await import("../testing/index.ts"),
  };
});

afterAll(() => {
  vi.unstubAllEnvs();
});

async function registered(state: string) {
  return m.Machine.register({ machineId: `${state}-${randomBytes(4).toString("hex")}` });
}

async function withFile(state: string) {
  const machine = await registered(state);
  const content = randomBytes(8);
  const intent = await m.testing.declare(machine.machineId, content);
  await m.testing.putObject(intent.key, content);
  await m.Upload.processObject(intent.key);
  return { ...machine, uploadId: intent.uploadId };
}

const hour = 3600_000;

test("the fleet's numbers: machines by delivery state, stale ones, rejections in 24 hours, the newest change", async () => {
  expect(await m.Fleet.summary()).toEqual({
    machines: 0,
    states: { no_file: 0, waiting: 0, downloaded: 0, installed: 0, failed: 0 },
    stale: 0,
    rejectedUploads24h: 0,
    updatedAt: null,
  });

  // The newest change is each of these in turn: a registration, a download, a rejection, a report.
  const updatedAt = async () => (await m.Fleet.summary()).updatedAt;
  const noFile = await registered("nofile");
  expect(await updatedAt()).toBe((await m.Machine.get(noFile.machineId)).createdAt);
  const waiting = await withFile("waiting");
  const downloaded = await withFile("downloaded");
  const installed = await withFile("installed");
  const failed = await withFile("failed");
  for (const machine of [installed, failed, downloaded]) await m.Download.request(machine);
  const lastDownloadAt = (await m.Machine.get(downloaded.machineId)).lastDownloadAt!;
  expect(await updatedAt()).toBe(lastDownloadAt);
  // A rejected upload: its bytes are not the declared ones.
  const intent = await m.testing.declare(waiting.machineId, randomBytes(8));
  await m.testing.putObject(intent.key, randomBytes(8));
  expect(await m.Upload.processObject(intent.key)).toBe("rejected");
  const rejectedAt = (await updatedAt())!;
  expect(rejectedAt > lastDownloadAt && rejectedAt <= new Date().toISOString()).toBe(true);
  const reportedAt = new Date(Date.now() + hour);
  await m.Report.submit({ ...installed, status: "installed" }, installed.token, reportedAt);
  await m.Report.submit({ ...failed, status: "failed" }, failed.token, reportedAt);

  const soon = new Date(reportedAt.getTime() + 1000);
  expect(await m.Fleet.summary(soon)).toEqual({
    machines: 5,
    states: { no_file: 1, waiting: 1, downloaded: 1, installed: 1, failed: 1 },
    // Never seen: the machine without a file and the one still waiting.
    stale: 2,
    rejectedUploads24h: 1,
    updatedAt: reportedAt.toISOString(),
  });

  const nextDay = new Date(Date.now() + 25 * hour);
  expect(await m.Fleet.summary(nextDay)).toMatchObject({ machines: 5, stale: 5, rejectedUploads24h: 0 });
});

test("a removal cut short is listed for the sweeper until it is finished", async () => {
  const machine = await withFile("removed");
  const { incarnation } = await m.Machine.get(machine.machineId);
  const crash = (step: string) => {
    if (step === "deleted-machine") throw new Error(`crash after ${step}`);
  };
  await expect(m.Fleet.removeMachine(machine.machineId, crash)).rejects.toThrow(/crash after/);
  const unfinished = [];
  for await (const raw of m.Fleet.unfinishedRemovals()) unfinished.push(m.Fleet.parseRemoval(raw));
  expect(unfinished).toEqual([{ machineId: machine.machineId, incarnation, startedAt: expect.any(String) }]);
  await m.Fleet.finishRemoval(unfinished[0]!);
  const left = [];
  for await (const raw of m.Fleet.unfinishedRemovals()) left.push(raw);
  expect(left).toEqual([]);
  expect(await m.testing.keysOf(machine.machineId)).toEqual([]);
});

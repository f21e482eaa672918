import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { InvalidCursorError, MachineNotFoundError, UnauthorizedError } from "../error/index.ts";
import { Machine } from "../machine/index.ts";
import { declare, keysOf, putObject } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Fleet } from "./index.ts";

const uniqueId = (prefix: string) => `${prefix}-${randomBytes(6).toString("hex")}`;

/** A machine with an active file, two pending uploads (one with its bytes already stored) and two downloads. */
async function machineWithHistory() {
  const { machineId, token } = await Machine.register({ machineId: uniqueId("rm") });
  const content = randomBytes(16);
  const active = await declare(machineId, content);
  await putObject(active.key, content);
  expect(await Upload.processObject(active.key)).toBe("active");
  const stored = await declare(machineId, content);
  await putObject(stored.key, content);
  const pending = await declare(machineId, content);
  const { incarnation } = await Machine.get(machineId);
  for (const at of ["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"]) {
    const entry = { at, uploadId: active.uploadId, sourceIp: null, userAgent: null };
    await Machine.recordDownload({ machineId, incarnation }, entry);
  }
  expect((await Machine.listDownloads({ machineId, incarnation }, { limit: 10 })).downloads).toHaveLength(2);
  return { machineId, token, incarnation, uploads: [active, stored, pending] };
}

async function expectGone(history: Awaited<ReturnType<typeof machineWithHistory>>) {
  await expect(Machine.find(history.machineId)).resolves.toBeUndefined();
  expect(await keysOf(history.machineId)).toEqual([]);
  for (const upload of history.uploads) await expect(Upload.get(upload.uploadId)).rejects.toThrow(/does not exist/);
  expect(await Upload.listForMachine(history, 10)).toEqual([]);
  expect((await Machine.listDownloads(history, { limit: 10 })).downloads).toEqual([]);
}

describe("removing a machine", () => {
  test("deletes the record, and the token stops working", async () => {
    const { machineId, token } = await Machine.register({ machineId: uniqueId("rm") });
    await Fleet.removeMachine(machineId);
    await expect(Machine.get(machineId)).rejects.toBeInstanceOf(MachineNotFoundError);
    await expect(Machine.authenticate(machineId, token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Fleet.removeMachine(machineId)).rejects.toBeInstanceOf(MachineNotFoundError);
  });

  test("deletes its objects and its upload history", async () => {
    const history = await machineWithHistory();
    await Fleet.removeMachine(history.machineId);
    await expectGone(history);
  });

  // The steps a removal passes, in order; a crash may come after any of them.
  const steps = ["marked-removal", "deleted-machine", "deleted-object", "deleted-record"];

  test.each(steps)("a crash after %s is finished by finishRemoval, and the id starts afresh", async (crashAt) => {
    const history = await machineWithHistory();
    const crash = (name: string) => {
      if (name === crashAt) throw new Error(`crash after ${name}`);
    };
    await expect(Fleet.removeMachine(history.machineId, crash)).rejects.toThrow(/crash after/);
    const removal = { machineId: history.machineId, incarnation: history.incarnation, startedAt: "" };
    if (crashAt === "marked-removal") {
      // The record was not deleted yet: the sweeper's finishRemoval does it (the admin asked for it).
      await Fleet.finishRemoval(removal);
      await expectGone(history);
      return;
    }
    await expect(Machine.authenticate(history.machineId, history.token)).rejects.toBeInstanceOf(UnauthorizedError);

    // Registered again before anything was swept: an empty history all the same.
    await Machine.register({ machineId: history.machineId });
    const again = await Machine.get(history.machineId);
    expect(again.incarnation).not.toBe(history.incarnation);
    expect(await Upload.listForMachine(again, 10)).toEqual([]);
    expect((await Machine.listDownloads(again, { limit: 10 })).downloads).toEqual([]);
    // The old registration's log is still there until the removal finishes; its cursor is not the new one's.
    const { nextCursor } = await Machine.listDownloads(history, { limit: 1 });
    expect(nextCursor).not.toBeNull();
    const foreignPage = Machine.listDownloads(again, { limit: 1, cursor: nextCursor! });
    await expect(foreignPage).rejects.toBeInstanceOf(InvalidCursorError);

    await Fleet.finishRemoval(removal);
    expect(await Machine.get(history.machineId)).toMatchObject({ incarnation: again.incarnation });
    for (const upload of history.uploads) await expect(Upload.get(upload.uploadId)).rejects.toThrow(/does not exist/);
    expect(await keysOf(history.machineId)).toEqual([]);
    expect((await Machine.listDownloads(history, { limit: 10 })).downloads).toEqual([]);
  });

  test("the steps a removal passes, in order (the reliability suite crashes after each)", async () => {
    const history = await machineWithHistory();
    const passed: string[] = [];
    await Fleet.removeMachine(history.machineId, (name) => {
      passed.push(name);
    });
    const perUpload = history.uploads.flatMap(() => ["deleted-object", "deleted-record"]);
    expect(passed).toEqual(["marked-removal", "deleted-machine", ...perUpload, "unmarked-removal"]);
    await expectGone(history);
  });

  test("a machine removed by someone else meanwhile is machine_not_found, and its removal still finishes", async () => {
    const history = await machineWithHistory();
    const removedMeanwhile = async (name: string) => {
      if (name === "marked-removal") await Machine.deleteRecord(history.machineId, history.incarnation);
    };
    await expect(Fleet.removeMachine(history.machineId, removedMeanwhile)).rejects.toBeInstanceOf(MachineNotFoundError);
    await expectGone(history);
  });
});

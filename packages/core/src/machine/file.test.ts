import { describe, expect, test } from "vitest";
import { MachineNotFoundError } from "../error/index.ts";
import { newMachine } from "../testing/index.ts";
import { Machine } from "./index.ts";

/** A stored file for `uploadId`, as the upload processor activates it (no bytes needed here). */
const fileFor = (uploadId: string, filename = "a.bin"): Machine.StoredFile => ({
  uploadId,
  filename,
  size: 3,
  sha256: "a".repeat(64),
  contentType: "application/octet-stream",
  activatedAt: "2026-01-02T03:04:05.000Z",
  key: `files/x/${uploadId}.bin`,
  etag: '"e"',
});

async function machineWithReservations(count: number) {
  const machineId = await newMachine("file");
  const reservations: Machine.Reservation[] = [];
  for (let i = 0; i < count; i++) reservations.push(await Machine.reserveUploadId(machineId));
  return { machineId, incarnation: reservations[0]!.incarnation, ids: reservations.map((r) => r.uploadId) };
}

describe("the current file", () => {
  test("the first activation has no previous file; the next one hands back the file it replaced", async () => {
    const { machineId, incarnation, ids } = await machineWithReservations(2);
    const first = fileFor(ids[0]!, "first.bin");
    expect(await Machine.activate(machineId, incarnation, first)).toEqual({ outcome: "activated" });
    expect((await Machine.get(machineId)).file).toEqual(first);
    const second = fileFor(ids[1]!, "second.bin");
    expect(await Machine.activate(machineId, incarnation, second)).toEqual({ outcome: "activated", previous: first });
    const item = await Machine.get(machineId);
    expect(item.file).toEqual(second);
    // The new file's delivery starts over.
    expect(Machine.deliveryOf(item)).toEqual({ uploadId: second.uploadId, state: "waiting" });
  });

  test("activating the current file again is recognised and changes nothing", async () => {
    const { machineId, incarnation, ids } = await machineWithReservations(1);
    const current = fileFor(ids[0]!);
    await Machine.activate(machineId, incarnation, current);
    const before = await Machine.get(machineId);
    // The stored file, not the one offered: a twin delivery reports the real activation time from it.
    expect(await Machine.activate(machineId, incarnation, fileFor(ids[0]!, "renamed.bin"))).toEqual({
      outcome: "already-current",
      current,
    });
    expect(await Machine.get(machineId)).toEqual(before);
  });

  test("an earlier-declared upload activated late loses to the current one and is told which it is", async () => {
    const { machineId, incarnation, ids } = await machineWithReservations(2);
    const later = fileFor(ids[1]!, "later.bin");
    await Machine.activate(machineId, incarnation, later);
    expect(await Machine.activate(machineId, incarnation, fileFor(ids[0]!, "earlier.bin"))).toEqual({
      outcome: "newer-current",
      current: later,
    });
    expect((await Machine.get(machineId)).file).toEqual(later);
  });

  test("a removed machine, or another registration of its id, takes no file", async () => {
    const { machineId, incarnation, ids } = await machineWithReservations(1);
    expect(await Machine.activate("never-registered-machine", incarnation, fileFor(ids[0]!))).toEqual({
      outcome: "machine-missing",
    });
    expect(await Machine.activate(machineId, "0".repeat(26), fileFor(ids[0]!))).toEqual({
      outcome: "machine-missing",
    });
    expect((await Machine.get(machineId)).file).toBeUndefined();
  });

  test("clearing withdraws the file only while it is still current", async () => {
    const { machineId, incarnation, ids } = await machineWithReservations(2);
    await Machine.activate(machineId, incarnation, fileFor(ids[0]!));
    await Machine.activate(machineId, incarnation, fileFor(ids[1]!));
    await Machine.clearFile(machineId, ids[0]!);
    expect((await Machine.get(machineId)).file?.uploadId).toBe(ids[1]);
    await Machine.clearFile(machineId, ids[1]!);
    const item = await Machine.get(machineId);
    expect(item.file).toBeUndefined();
    expect(Machine.deliveryOf(item)).toEqual({ uploadId: null, state: "no_file" });
  });

  test("a reservation names the machine's registration, and needs the machine", async () => {
    const machineId = await newMachine("file");
    const { incarnation } = await Machine.reserveUploadId(machineId);
    expect(incarnation).toBe((await Machine.get(machineId)).incarnation);
    await expect(Machine.reserveUploadId(`${machineId}-gone`)).rejects.toBeInstanceOf(MachineNotFoundError);
  });
});

/**
 * The sweeper finishing removals cut short, in a bucket and table of this file's own (it acts on
 * everything stored). The reliability suite kills a whole stack mid-removal; this drives the same
 * case through the removal's fault hook, so it runs with core's tests (and per mutant).
 */
import { randomBytes } from "node:crypto";
import { useIsolatedResources } from "@fleetdrop/testing/isolated-resources";
import { expect, test } from "vitest";

await useIsolatedResources("sweeper-removals");
const { UnauthorizedError, UploadNotFoundError } = await import("../error/index.ts");
const { Fleet } = await import("../fleet/index.ts");
const { Machine } = await import("../machine/index.ts");
const { declare, keysOf, putObject } = await import("../testing/index.ts");
const { Upload } = await import("../upload/index.ts");
const { Sweeper } = await import("./index.ts");

async function machineWithFile(machineId: string) {
  const { token } = await Machine.register({ machineId });
  const content = randomBytes(16);
  const intent = await declare(machineId, content);
  await putObject(intent.key, content);
  expect(await Upload.processObject(intent.key)).toBe("active");
  return { token, uploadId: intent.uploadId };
}

const crashAfter = (crashAt: string) => (name: string) => {
  if (name === crashAt) throw new Error(`crash after ${name}`);
};

test("a sweep finishes every removal cut short, counts each once, and the next sweep finds none", async () => {
  const early = `rm-early-${randomBytes(4).toString("hex")}`;
  const late = `rm-late-${randomBytes(4).toString("hex")}`;
  const files = { [early]: await machineWithFile(early), [late]: await machineWithFile(late) };
  // One stops right after its marker (the record is still there), one after the record went.
  await expect(Fleet.removeMachine(early, crashAfter("marked-removal"))).rejects.toThrow(/crash after/);
  await expect(Fleet.removeMachine(late, crashAfter("deleted-machine"))).rejects.toThrow(/crash after/);

  const first = await Sweeper.run(new Date());
  expect(first.removed).toBe(2);
  expect(first.failed).toBe(0);

  for (const machineId of [early, late]) {
    const { token, uploadId } = files[machineId]!;
    await expect(Machine.authenticate(machineId, token), machineId).rejects.toBeInstanceOf(UnauthorizedError);
    expect(await keysOf(machineId), machineId).toEqual([]);
    await expect(Upload.get(uploadId), machineId).rejects.toBeInstanceOf(UploadNotFoundError);
  }
  const left = [];
  for await (const raw of Fleet.unfinishedRemovals()) left.push(raw);
  expect(left).toEqual([]);

  expect((await Sweeper.run(new Date())).removed).toBe(0);
});

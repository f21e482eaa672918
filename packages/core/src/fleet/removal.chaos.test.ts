/**
 * Fault injection at every step of a machine's removal: a crash after each step (as a kill -9 of
 * the API there), then a sweep → no record, object or history of the machine remains, and the id
 * can be registered again from scratch.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { Machine } from "../machine/index.ts";
import { Sweeper } from "../sweeper/index.ts";
import { declare, keysOf, putObject } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Fleet } from "./index.ts";

const steps = ["marked-removal", "deleted-machine", "deleted-object", "deleted-record", "unmarked-removal"];

test.each(steps)("a removal killed after %s is finished by the sweep", async (step) => {
  const { machineId } = await Machine.register({ machineId: `gone-${randomBytes(6).toString("hex")}` });
  const uploads = [];
  for (let i = 0; i < 4; i++) {
    const content = randomBytes(16);
    const intent = await declare(machineId, content);
    if (i < 3) await putObject(intent.key, content);
    if (i === 1) expect(await Upload.processObject(intent.key)).toBe("active");
    uploads.push(intent);
  }
  let killed = false;
  const kill = (name: string) => {
    if (name === step && !killed) {
      killed = true;
      throw new Error(`killed after ${name}`);
    }
  };
  await expect(Fleet.removeMachine(machineId, kill)).rejects.toThrow(/killed after/);

  expect((await Sweeper.run()).failed).toBe(0);
  await expect(Machine.find(machineId)).resolves.toBeUndefined();
  expect(await keysOf(machineId)).toEqual([]);
  for (const upload of uploads) await expect(Upload.get(upload.uploadId)).rejects.toThrow(/does not exist/);

  await Machine.register({ machineId });
  expect(await Upload.listForMachine(await Machine.get(machineId), 10)).toEqual([]);
});

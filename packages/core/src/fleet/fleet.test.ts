import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { MachineNotFoundError, UnauthorizedError } from "../error/index.ts";
import { Machine } from "../machine/index.ts";
import { declare, keysOf, putObject } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Fleet } from "./index.ts";

describe("removing a machine", () => {
  test("deletes the record, and the token stops working", async () => {
    const { machineId, token } = await Machine.register({ machineId: `rm-${Date.now()}` });
    await Fleet.removeMachine(machineId);
    await expect(Machine.get(machineId)).rejects.toBeInstanceOf(MachineNotFoundError);
    await expect(Machine.authenticate(machineId, token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Fleet.removeMachine(machineId)).rejects.toBeInstanceOf(MachineNotFoundError);
  });

  test("deletes its objects and its upload history", async () => {
    const { machineId } = await Machine.register({ machineId: `rm-${randomBytes(6).toString("hex")}` });
    const content = randomBytes(16);
    const intent = await declare(machineId, content);
    await putObject(intent.key, content);
    expect(await Upload.processObject(intent.key)).toBe("active");
    expect(await keysOf(machineId)).toEqual([intent.key]);

    await Fleet.removeMachine(machineId);
    expect(await keysOf(machineId)).toEqual([]);
    await expect(Upload.get(intent.uploadId)).rejects.toThrow(/does not exist/);
    expect(await Upload.listForMachine(machineId, 10)).toEqual([]);
  });
});

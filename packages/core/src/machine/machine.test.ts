import { describe, expect, test } from "vitest";
import { MachineExistsError, MachineNotFoundError, UnauthorizedError } from "../error/index.ts";
import { newMachine } from "../testing/index.ts";
import { Machine } from "./index.ts";

describe("machines", () => {
  test("registration stores only the token's hash and refuses duplicates", async () => {
    const { machineId, token } = await Machine.register({ machineId: `reg-${Date.now()}`, label: "Line 3" });
    const item = await Machine.get(machineId);
    expect(item.label).toBe("Line 3");
    expect(JSON.stringify(item)).not.toContain(token);
    await expect(Machine.register({ machineId })).rejects.toBeInstanceOf(MachineExistsError);
  });

  test("authentication accepts the machine's own token only", async () => {
    const a = await Machine.register({ machineId: `auth-a-${Date.now()}` });
    const b = await Machine.register({ machineId: `auth-b-${Date.now()}` });
    await expect(Machine.authenticate(a.machineId, a.token)).resolves.toMatchObject({ machineId: a.machineId });
    await expect(Machine.authenticate(a.machineId, b.token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Machine.authenticate(a.machineId, undefined)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Machine.authenticate("nobody-here", a.token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  test("rotation invalidates the old token", async () => {
    const first = await Machine.register({ machineId: `rot-${Date.now()}` });
    const second = await Machine.rotateToken(first.machineId);
    expect(second.token).not.toBe(first.token);
    await expect(Machine.authenticate(first.machineId, first.token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Machine.authenticate(first.machineId, second.token)).resolves.toBeDefined();
    await expect(Machine.rotateToken("missing-machine")).rejects.toBeInstanceOf(MachineNotFoundError);
  });

  test("listing pages through every machine with a cursor", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add(await newMachine("list"));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await Machine.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.machines.length).toBeLessThanOrEqual(2);
      seen.push(...page.machines.map((m) => m.machineId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    for (const id of ids) expect(seen).toContain(id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("100 concurrent reservations all succeed, each id after the previous write's", async () => {
    const machineId = await newMachine("ids");
    const reservations = await Promise.all(Array.from({ length: 100 }, () => Machine.reserveUploadId(machineId)));
    const ids = reservations.map((r) => r.uploadId);
    expect(new Set(ids).size).toBe(100);
    expect(new Set(ids.map((id) => id.slice(0, 10))).size).toBe(100);
    const later = await Machine.reserveUploadId(machineId);
    for (const id of ids) expect(later.uploadId > id).toBe(true);
  });

  test("ids follow the order of the reservations, whatever the Lambdas' clocks say", async () => {
    const machineId = await newMachine("skew");
    const now = Date.now();
    const fast = await Machine.reserveUploadId(machineId, now + 600_000);
    const slow = await Machine.reserveUploadId(machineId, now - 600_000);
    const onTime = await Machine.reserveUploadId(machineId, now);
    expect(fast.uploadId < slow.uploadId).toBe(true);
    expect(slow.uploadId < onTime.uploadId).toBe(true);
    expect(fast.incarnation).toBe((await Machine.get(machineId)).incarnation);
    await expect(Machine.reserveUploadId("never-registered")).rejects.toBeInstanceOf(MachineNotFoundError);
  });
});

import { randomBytes } from "node:crypto";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, test } from "vitest";
import { Config } from "../config/index.ts";
import { MachineExistsError, MachineNotFoundError, UnauthorizedError } from "../error/index.ts";
import { keys } from "../table/index.ts";
import { newMachine } from "../testing/index.ts";
import { Token } from "../token/index.ts";
import { Machine } from "./index.ts";

describe("machines", () => {
  test("registration stores only the token's hash and refuses duplicates", async () => {
    const { machineId, token } = await Machine.register({ machineId: `reg-${Date.now()}`, label: "Line 3" });
    const item = await Machine.get(machineId);
    expect(item.label).toBe("Line 3");
    expect(JSON.stringify(item)).not.toContain(token);
    await expect(Machine.register({ machineId })).rejects.toBeInstanceOf(MachineExistsError);
  });

  test("the stored item, read raw from DynamoDB, holds the token in no form but its hash", async () => {
    const machineId = `raw-${randomBytes(4).toString("hex")}`;
    const registered = await Machine.register({ machineId, label: "Raw" });
    const rotated = await Machine.rotateToken(machineId);
    const raw = await rawItem(machineId);
    expect(raw.tokenHash).toEqual({ S: Token.hash(rotated.token) });
    for (const token of [registered.token, rotated.token]) {
      const body = token.replace(/^fdm_/, "");
      const forms = [
        token,
        body,
        Buffer.from(body, "base64url").toString("hex"),
        Buffer.from(body, "base64url").toString("base64"),
        Buffer.from(token).toString("base64"),
        Buffer.from(token).toString("hex"),
      ];
      for (const value of stringsIn(raw)) {
        for (const form of forms) expect(value.includes(form), `an attribute holds the token as ${form}`).toBe(false);
      }
    }
    expect(stringsIn(raw).filter((value) => value === Token.hash(registered.token))).toEqual([]);
  });

  test("machine ids are case-sensitive: Press-01 and press-01 are two machines with their own tokens", async () => {
    const suffix = randomBytes(4).toString("hex");
    const upper = await Machine.register({ machineId: `Press-${suffix}` });
    await expect(Machine.authenticate(upper.machineId, upper.token)).resolves.toMatchObject({
      machineId: upper.machineId,
    });
    await expect(Machine.authenticate(`press-${suffix}`, upper.token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Machine.get(`press-${suffix}`)).rejects.toBeInstanceOf(MachineNotFoundError);

    const lower = await Machine.register({ machineId: `press-${suffix}` });
    await expect(Machine.authenticate(lower.machineId, lower.token)).resolves.toMatchObject({
      machineId: lower.machineId,
    });
    await expect(Machine.authenticate(upper.machineId, upper.token)).resolves.toMatchObject({
      machineId: upper.machineId,
    });
    await expect(Machine.authenticate(upper.machineId, lower.token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Machine.authenticate(lower.machineId, upper.token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Machine.register({ machineId: `PRESS-${suffix}` })).resolves.toMatchObject({
      machineId: `PRESS-${suffix}`,
    });
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
      // A cursor that never ends the listing fails here rather than looping until the test timeout.
      expect(seen.length, "machines listed so far").toBeLessThan(100_000);
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

/** The machine's item exactly as DynamoDB holds it (attribute values): no schema in between to drop any. */
async function rawItem(machineId: string): Promise<Record<string, unknown>> {
  const client = new DynamoDBClient({ region: Config.region, endpoint: Config.dynamoEndpoint });
  try {
    const { pk, sk } = keys.machine(machineId);
    const out = await client.send(
      new GetItemCommand({ TableName: Config.tableName, Key: { pk: { S: pk }, sk: { S: sk } } }),
    );
    return out.Item as Record<string, unknown>;
  } finally {
    client.destroy();
  }
}

/** Every string in a value, attribute names included, however deeply nested. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) || value instanceof Set) return [...value].flatMap(stringsIn);
  if (value instanceof Uint8Array) return [Buffer.from(value).toString("latin1"), Buffer.from(value).toString("hex")];
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
  return [];
}

/**
 * Contract §2 clauses that are about the API as a whole: case-sensitive machine ids, ISO 8601 UTC
 * times, the 401 on every admin route, cursor paging, and the exact shape of every view.
 */
import { randomBytes } from "node:crypto";
import { type RunningStack, requestDownload, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const keysOf = (value: object) => Object.keys(value).sort();

describe("machine ids are case-sensitive", () => {
  test("Press-01 and press-01 are two machines, each with its own token and file", async () => {
    const upper = await stack.registerMachine("Press-01");
    const lower = await stack.registerMachine("press-01");
    expect((await stack.api("POST", "/machines", { machineId: "PRESS-01" })).status).toBe(201);
    const files = { "Press-01": randomBytes(300), "press-01": randomBytes(301) };
    for (const [machineId, content] of Object.entries(files)) await stack.upload(machineId, content);

    for (const [machineId, token] of [
      ["Press-01", upper],
      ["press-01", lower],
    ] as const) {
      const res = await requestDownload(stack.url, machineId, token);
      expect(res.status).toBe(302);
      expect(res.headers.get("x-content-sha256")).toBe(sha256(files[machineId]));
      expect((await stack.api("GET", `/machines/${machineId}`)).body.file?.sha256).toBe(sha256(files[machineId]));
    }
    expect((await requestDownload(stack.url, "Press-01", lower)).status).toBe(401);
    expect((await requestDownload(stack.url, "press-01", upper)).status).toBe(401);
    expect((await requestDownload(stack.url, "PRESS-01", upper)).status).toBe(401);
    expect((await stack.api("GET", "/machines/pRESS-01")).status).toBe(404);
  });
});

describe("admin routes", () => {
  test("each answers 401 unauthorized without the admin token, and changes nothing", async () => {
    const machineToken = await stack.registerMachine("guarded-1");
    const { intent } = await stack.upload("guarded-1", randomBytes(100));
    const routes: [string, string, unknown?][] = [
      ["GET", "/machines"],
      ["POST", "/machines", { machineId: "intruder-1" }],
      ["GET", "/machines/guarded-1"],
      ["POST", "/machines/guarded-1/token"],
      ["DELETE", "/machines/guarded-1"],
      ["POST", "/uploads", { machineId: "guarded-1", filename: "x.bin", size: 1, sha256: "a".repeat(64) }],
      ["GET", `/uploads/${intent.uploadId}`],
    ];
    const credentials = ["", "Bearer wrong-admin-token", `Bearer ${machineToken}`, `Basic ${stack.adminToken}`];
    for (const [method, path, body] of routes) {
      for (const authorization of credentials) {
        const res = await stack.api(method, path, body, { Authorization: authorization });
        expect(res.status, `${method} ${path} with "${authorization.slice(0, 12)}"`).toBe(401);
        expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      }
    }
    expect((await stack.api("GET", "/machines/intruder-1")).status).toBe(404);
    expect((await stack.api("GET", "/machines/guarded-1")).body.uploads).toHaveLength(1);
    expect((await requestDownload(stack.url, "guarded-1", machineToken)).status).toBe(302);
  });
});

describe("GET /machines pages with a cursor", () => {
  test("every machine is seen exactly once, at most `limit` per page, and the last page says so", async () => {
    const registered = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const machineId = `page-${i}-${randomBytes(3).toString("hex")}`;
      await stack.registerMachine(machineId);
      registered.add(machineId);
    }
    const all = (await stack.api("GET", "/machines?limit=100")).body.machines.map((m) => m.machineId);
    expect(all.length).toBeGreaterThanOrEqual(7);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : "?limit=3";
      const res = await stack.api("GET", `/machines${query}`);
      expect(res.status).toBe(200);
      expect(keysOf(res.body)).toEqual(["machines", "nextCursor"]);
      expect(res.body.machines.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.machines.map((m) => m.machineId));
      cursor = res.body.nextCursor;
      pages++;
      expect(pages).toBeLessThanOrEqual(Math.ceil(all.length / 3) + 1);
    } while (cursor !== null);
    expect(seen.sort()).toEqual([...all].sort());
    for (const machineId of registered) expect(seen).toContain(machineId);
  });
});

describe("the shapes of the views", () => {
  // §6 (delivery feedback) adds these to Machine; a Machine has all of them or none.
  const machineKeys = ["createdAt", "downloadCount", "file", "label", "lastDownloadAt", "machineId"];
  const deliveryKeys = ["delivery", "lastSeenAt", "stale"];
  const expectMachineKeys = (machine: object) => {
    const keys = keysOf(machine);
    const expected = deliveryKeys.some((key) => key in machine)
      ? [...machineKeys, ...deliveryKeys].sort()
      : machineKeys;
    expect(keys).toEqual(expected);
  };

  test("Machine, File, Upload, intent and credentials have exactly the contract's keys; times are UTC", async () => {
    const registered = await stack.api("POST", "/machines", { machineId: "shape-1", label: "Shapes" });
    expect(registered.status).toBe(201);
    expect(keysOf(registered.body)).toEqual(["machineId", "token"]);

    const fresh = (await stack.api("GET", "/machines/shape-1")).body;
    expectMachineKeys(omit(fresh, "uploads"));
    expect(fresh).toMatchObject({
      machineId: "shape-1",
      label: "Shapes",
      file: null,
      lastDownloadAt: null,
      downloadCount: 0,
      uploads: [],
    });
    expect(fresh.createdAt).toMatch(isoUtc);

    const first = randomBytes(64);
    const intent = await stack.declare("shape-1", first, "one.bin");
    expect(keysOf(intent)).toEqual(["expiresAt", "fields", "key", "machineId", "uploadId", "url"]);
    expect(intent.expiresAt).toMatch(isoUtc);
    const pending = (await stack.api("GET", `/uploads/${intent.uploadId}`)).body;
    expect(keysOf(pending)).toEqual(["createdAt", "filename", "machineId", "sha256", "size", "status", "uploadId"]);
    expect(pending).toMatchObject({ status: "pending", size: 64, sha256: sha256(first), filename: "one.bin" });
    expect(pending.createdAt).toMatch(isoUtc);

    expect((await stack.uploadBytes(intent, first)).status).toBe(204);
    const active = await stack.waitForStatus(intent.uploadId);
    expect(keysOf(active)).toEqual([
      "activatedAt",
      "createdAt",
      "filename",
      "machineId",
      "sha256",
      "size",
      "status",
      "uploadId",
    ]);
    expect(active.activatedAt).toMatch(isoUtc);

    const second = await stack.upload("shape-1", randomBytes(65), "two.txt");
    const superseded = (await stack.api("GET", `/uploads/${intent.uploadId}`)).body;
    expect(superseded.status).toBe("superseded");
    expect(keysOf(superseded)).toEqual([
      "activatedAt",
      "createdAt",
      "filename",
      "machineId",
      "reason",
      "sha256",
      "size",
      "status",
      "uploadId",
    ]);

    const token = (await stack.api("POST", "/machines/shape-1/token")).body;
    expect(keysOf(token)).toEqual(["machineId", "token"]);
    expect((await requestDownload(stack.url, "shape-1", token.token)).status).toBe(302);

    const machine = (await stack.api("GET", "/machines/shape-1")).body;
    expectMachineKeys(omit(machine, "uploads"));
    expect(keysOf(machine.file!)).toEqual(["activatedAt", "contentType", "filename", "sha256", "size", "uploadId"]);
    expect(machine.file).toMatchObject({ uploadId: second.intent.uploadId, filename: "two.txt", size: 65 });
    for (const time of [machine.createdAt, machine.lastDownloadAt, machine.file!.activatedAt])
      expect(time).toMatch(isoUtc);
    expect(machine.uploads.map((upload) => upload.uploadId)).toEqual([second.intent.uploadId, intent.uploadId]);
    for (const upload of machine.uploads) expect(upload.createdAt).toMatch(isoUtc);

    const listed = (await stack.api("GET", "/machines?limit=100")).body.machines.find(
      (m) => m.machineId === "shape-1",
    )!;
    expectMachineKeys(listed);
  });
});

function omit<T extends object>(value: T, key: string): object {
  const { [key]: _, ...rest } = value as Record<string, unknown>;
  return rest;
}

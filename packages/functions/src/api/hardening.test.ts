/** Contract §8 at the HTTP layer: body limit, cursors, 401 scheme, text rules, HEAD and expiresAt. */
import { randomBytes } from "node:crypto";
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { Db } from "@fleetdrop/core/db";
import { Machine } from "@fleetdrop/core/machine";
import { Sweeper } from "@fleetdrop/core/sweeper";
import { keys } from "@fleetdrop/core/table";
import { declare, newMachine, putObject } from "@fleetdrop/core/testing";
import { Upload } from "@fleetdrop/core/upload";
import { describe, expect, test } from "vitest";
import { app } from "./app.ts";

const admin = { Authorization: "Bearer test-admin-token-0123456789" };
const json = { ...admin, "Content-Type": "application/json" };
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("request bodies over 64 KiB are a 413 payload_too_large", () => {
  const big = JSON.stringify({ machineId: "big-body", label: "x".repeat(64 * 1024) });

  test("with a Content-Length", async () => {
    const res = await app.request("/machines", { method: "POST", headers: json, body: big });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
  });

  test("chunked, without a Content-Length", async () => {
    const chunks = [big.slice(0, 40_000), big.slice(40_000)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const request = new Request("http://localhost/uploads", { method: "POST", headers: json, body, duplex: "half" });
    expect(request.headers.get("Content-Length")).toBeNull();
    const res = await app.request(request);
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
  });

  test("a body just under the limit is read", async () => {
    const machineId = `small-${randomBytes(4).toString("hex")}`;
    const body = JSON.stringify({ machineId, padding: " ".repeat(60 * 1024) });
    const res = await app.request("/machines", { method: "POST", headers: json, body });
    expect(res.status).toBe(201);
  });
});

describe("cursors", () => {
  test("a cursor this API issued pages on; forged and altered ones are a 400 invalid_cursor", async () => {
    await newMachine("cur");
    await newMachine("cur");
    const first = await app.request("/machines?limit=1", { headers: admin });
    const { nextCursor } = (await first.json()) as { nextCursor: string };
    expect(nextCursor).toEqual(expect.any(String));
    expect((await app.request(`/machines?limit=1&cursor=${nextCursor}`, { headers: admin })).status).toBe(200);

    const unsigned = Buffer.from(JSON.stringify({ pk: "machine#x", sk: "machine", gsi1pk: "machines", gsi1sk: "x" }));
    const altered = `${nextCursor.slice(0, -2)}${nextCursor.endsWith("AA") ? "AB" : "AA"}`;
    for (const cursor of ["eyJhIjoiYiJ9", unsigned.toString("base64url"), altered, `${nextCursor}.x`, "..", "%00"]) {
      const res = await app.request(`/machines?cursor=${encodeURIComponent(cursor)}`, { headers: admin });
      expect(res.status, cursor).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_cursor");
    }
  });
});

test("401s name the Bearer scheme", async () => {
  const adminRoute = await app.request("/machines", { headers: { Authorization: "Bearer nope" } });
  const machineRoute = await app.request("/download?machine_id=nobody", { headers: { Authorization: "Bearer nope" } });
  for (const res of [adminRoute, machineRoute]) {
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
  }
});

describe("text people see", () => {
  test.each([
    { machineId: "lbl-esc", label: "\u001b]0;pwned\u0007" },
    { machineId: "lbl-bidi", label: "invoice\u202egnp.exe" },
    { machineId: "lbl-long", label: "x".repeat(201) },
  ])("label %j is a 400", async (body) => {
    const res = await app.request("/machines", { method: "POST", headers: json, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_request");
    await expect(Machine.find(body.machineId)).resolves.toBeUndefined();
  });

  test.each([
    { filename: "a\u009bb.bin" },
    { filename: "a\u2066b.bin" },
    { filename: "a.bin", contentType: "text/plain; x=€" },
    { filename: "a.bin", contentType: `text/${"p".repeat(300)}` },
  ])("declaration %j is a 400 and stores nothing", async (fields) => {
    const machineId = await newMachine("decl");
    const body = JSON.stringify({ machineId, size: 1, sha256: "0".repeat(64), ...fields });
    const res = await app.request("/uploads", { method: "POST", headers: json, body });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_request");
    expect(await Upload.listForMachine(await Machine.get(machineId), 10)).toEqual([]);
  });
});

test("expiresAt is the policy's own expiration", async () => {
  const machineId = await newMachine("exp");
  const body = JSON.stringify({ machineId, filename: "a.bin", size: 3, sha256: "0".repeat(64) });
  const res = await app.request("/uploads", { method: "POST", headers: json, body });
  const intent = (await res.json()) as { expiresAt: string; fields: Record<string, string> };
  const policy = JSON.parse(Buffer.from(intent.fields.Policy!, "base64").toString("utf8")) as { expiration: string };
  expect(Date.parse(intent.expiresAt)).toBe(Date.parse(policy.expiration));
});

test("HEAD /download counts nothing; GET counts one", async () => {
  const { machineId, token } = await Machine.register({ machineId: `head-${randomBytes(4).toString("hex")}` });
  const content = randomBytes(32);
  const intent = await declare(machineId, content);
  await putObject(intent.key, content);
  expect(await Upload.processObject(intent.key)).toBe("active");
  const headers = { Authorization: `Bearer ${token}` };
  const head = await app.request(`/download?machine_id=${machineId}`, { method: "HEAD", headers });
  expect(head.status).toBe(302);
  expect((await Machine.get(machineId)).downloadCount ?? 0).toBe(0);
  const get = await app.request(`/download?machine_id=${machineId}`, { headers });
  expect(get.status).toBe(302);
  expect((await Machine.get(machineId)).downloadCount).toBe(1);
});

test("100 simultaneous POST /uploads for one machine all succeed, with distinct ids before the next one", async () => {
  const machineId = await newMachine("burst");
  const declareOne = (i: number) =>
    app.request("/uploads", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ machineId, filename: `f${i}.bin`, size: 1, sha256: "0".repeat(64) }),
    });
  const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => declareOne(i)));
  expect(responses.map((res) => res.status)).toEqual(Array(100).fill(201));
  const ids = await Promise.all(responses.map(async (res) => ((await res.json()) as { uploadId: string }).uploadId));
  expect(new Set(ids).size).toBe(100);
  const next = ((await (await declareOne(100)).json()) as { uploadId: string }).uploadId;
  for (const id of ids) expect(next > id).toBe(true);
});

test("a removal killed after the machine record went: a re-registered id has no history, a sweep cleans up", async () => {
  const machineId = await newMachine("killed");
  const content = randomBytes(8);
  const active = await declare(machineId, content);
  await putObject(active.key, content);
  await Upload.processObject(active.key);
  const pending = await declare(machineId, content);
  // What a kill -9 right after DELETE /machines/{id}'s first write leaves: no machine, everything else.
  await Db.client.send(new DeleteCommand({ TableName: Db.tableName, Key: keys.machine(machineId) }));

  const again = await app.request("/machines", { method: "POST", headers: json, body: JSON.stringify({ machineId }) });
  expect(again.status).toBe(201);
  const shown = (await (await app.request(`/machines/${machineId}`, { headers: admin })).json()) as {
    uploads: unknown[];
  };
  expect(shown.uploads).toEqual([]);

  // The pending record goes at once; the active one with its object, once the object is old enough
  // for the sweeper's object pass (SWEEPER_OBJECT_MIN_AGE_SECONDS; the chaos suite covers that).
  await Sweeper.run();
  expect((await app.request(`/uploads/${pending.uploadId}`, { headers: admin })).status).toBe(404);
});

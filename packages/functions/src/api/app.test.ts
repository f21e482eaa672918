import { expect, test } from "vitest";
import { app } from "./app.ts";

const admin = { Authorization: "Bearer test-admin-token-0123456789" };
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

test("health answers ok", async () => {
  const res = await app.request("/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

test("unknown routes are a JSON 404", async () => {
  const res = await app.request("/nope");
  expect(res.status).toBe(404);
  expect(await errorCode(res)).toBe("not_found");
});

test("admin routes need the admin token", async () => {
  for (const headers of [{}, { Authorization: "Bearer wrong-token" }, { Authorization: "Basic abc" }]) {
    const res = await app.request("/machines", { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(await errorCode(res)).toBe("unauthorized");
  }
  expect((await app.request("/machines", { headers: admin })).status).toBe(200);
});

test("empty list parameters mean absent ones; bad ones are a 400", async () => {
  const res = await app.request("/machines?limit=&cursor=", { headers: admin });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ machines: expect.any(Array) });
  expect(await errorCode(await app.request("/machines?limit=101", { headers: admin }))).toBe("invalid_request");
});

test("a malformed JSON body is a 400 invalid_request", async () => {
  const res = await app.request("/machines", {
    method: "POST",
    headers: { ...admin, "Content-Type": "application/json" },
    body: "{",
  });
  expect(res.status).toBe(400);
  expect(await errorCode(res)).toBe("invalid_request");
});

test("a JSON body is read as JSON whatever its Content-Type (curl -d sends form-urlencoded)", async () => {
  const machineId = `ct-${Date.now()}`;
  const res = await app.request("/machines", {
    method: "POST",
    headers: { ...admin, "Content-Type": "application/x-www-form-urlencoded" },
    body: JSON.stringify({ machineId }),
  });
  expect(res.status).toBe(201);
  const empty = await app.request("/machines", { method: "POST", headers: admin });
  expect(empty.status).toBe(400);
  expect(((await empty.json()) as { error: { message: string } }).error.message).toBe(
    "The request body must be a JSON object.",
  );
  const garbage = await app.request("/machines", { method: "POST", headers: admin, body: "machineId=x" });
  expect(await errorCode(garbage)).toBe("invalid_request");
});

test("register, show, rotate and remove through the routes", async () => {
  const machineId = `app-${Date.now()}`;
  const created = await app.request("/machines", {
    method: "POST",
    headers: { ...admin, "Content-Type": "application/json" },
    body: JSON.stringify({ machineId, label: "Bay 4" }),
  });
  expect(created.status).toBe(201);
  const { token: firstToken } = (await created.json()) as { token: string };
  expect(firstToken).toMatch(/^fdm_/);

  const shown = await app.request(`/machines/${machineId}`, { headers: admin });
  expect(await shown.json()).toMatchObject({
    machineId,
    label: "Bay 4",
    file: null,
    lastDownloadAt: null,
    downloadCount: 0,
    uploads: [],
  });

  const rotated = await app.request(`/machines/${machineId}/token`, { method: "POST", headers: admin });
  expect(rotated.status).toBe(200);
  const { token: secondToken, ...rest } = (await rotated.json()) as { token: string };
  expect(rest).toEqual({ machineId });
  expect(secondToken).toMatch(/^fdm_/);
  expect(secondToken).not.toBe(firstToken);
  // The old token is refused at once; the new one passes authentication (no file yet: 404 no_file).
  const download = (token: string) =>
    app.request(`/download?machine_id=${machineId}`, { headers: { Authorization: `Bearer ${token}` } });
  expect((await download(firstToken)).status).toBe(401);
  const withNew = await download(secondToken);
  expect(withNew.status).toBe(404);
  expect(await errorCode(withNew)).toBe("no_file");

  expect((await app.request(`/machines/${machineId}`, { method: "DELETE", headers: admin })).status).toBe(204);
  expect((await app.request(`/machines/${machineId}`, { headers: admin })).status).toBe(404);
  expect((await download(secondToken)).status).toBe(401);
});

test("validation errors name each field in our words, never zod's", async () => {
  const message = async (res: Response) => {
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: { code: string; message: string } }).error.message;
  };
  const json = { ...admin, "Content-Type": "application/json" };
  expect(await message(await app.request("/machines?limit=abc", { headers: admin }))).toBe(
    "Invalid request: limit: must be a number.",
  );
  expect(await message(await app.request("/machines?limit=101", { headers: admin }))).toBe(
    "Invalid request: limit: must be at most 100.",
  );
  const declared = await app.request("/uploads", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ machineId: "m-1", filename: "", size: "12", sha256: "x".repeat(64) }),
  });
  const text = await message(declared);
  expect(text).toBe(
    "Invalid request: filename: must not be empty; size: must be a number; sha256: must be 64 lowercase hex characters.",
  );
  const missing = await message(await app.request("/machines", { method: "POST", headers: json, body: "{}" }));
  expect(missing).toBe("Invalid request: machineId: is required.");
  for (const text of [missing, declared.statusText]) expect(text).not.toMatch(/expected|received|Invalid input/);
});

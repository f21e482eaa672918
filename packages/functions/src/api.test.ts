/** GET /download through the API's Lambda entry, with API Gateway's payload 2.0 events. */
import { createHash, randomBytes } from "node:crypto";
import { Config } from "@fleetdrop/core/config";
import { Machine } from "@fleetdrop/core/machine";
import { sha256 } from "@fleetdrop/core/testing";
import { expect, test } from "vitest";
import { invoke, json, machineWithFile } from "./testing/api-event.ts";

test("GET /download redirects to a presigned GET of the machine's file", async () => {
  const content = randomBytes(2048);
  const { machineId, token, intent } = await machineWithFile(content, "firmware v2.bin");
  const digest = sha256(content);

  const result = await invoke({
    method: "GET",
    path: "/download",
    query: { machine_id: machineId },
    headers: { Authorization: `Bearer ${token}` },
  });

  expect(result.statusCode).toBe(302);
  expect(result.headers.etag).toBe(`"${digest}"`);
  expect(result.headers["x-content-sha256"]).toBe(digest);
  expect(result.headers["cache-control"]).toBe("no-store");
  const location = new URL(result.headers.location!);
  expect(`${location.origin}${location.pathname}`).toBe(`${Config.s3Endpoint}/${Config.bucketName}/${intent.key}`);
  expect(location.searchParams.get("X-Amz-Expires")).toBe(String(Config.downloadUrlTtlSeconds));

  // The redirect works: the stand-in checks the signature and serves the bytes as an attachment.
  const download = await fetch(location);
  expect(download.status).toBe(200);
  expect(download.headers.get("content-disposition")).toBe('attachment; filename="firmware v2.bin"');
  expect(
    createHash("sha256")
      .update(Buffer.from(await download.arrayBuffer()))
      .digest("hex"),
  ).toBe(digest);

  const machine = await Machine.get(machineId);
  expect(machine.downloadCount).toBe(1);
  expect(machine.lastDownloadAt).toEqual(expect.any(String));
  expect(result.headers["x-fleetdrop-upload-id"]).toBe(intent.uploadId);
  // The download log takes the client's address from the event's request context.
  const log = await Machine.listDownloads(await Machine.get(machineId), { limit: 5 });
  expect(log.downloads).toEqual([
    { at: machine.lastDownloadAt, uploadId: intent.uploadId, sourceIp: "203.0.113.7", userAgent: "curl/8.5.0" },
  ]);
});

test("GET /download with the current ETag is a 304 that is not counted", async () => {
  const content = randomBytes(64);
  const { machineId, token } = await machineWithFile(content, "config.json");

  const result = await invoke({
    method: "GET",
    path: "/download",
    query: { machine_id: machineId },
    headers: { Authorization: `Bearer ${token}`, "If-None-Match": `"${sha256(content)}"` },
  });

  expect(result.statusCode).toBe(304);
  expect(result.headers.location).toBeUndefined();
  expect(result.body).toBe("");
  expect((await Machine.get(machineId)).downloadCount).toBe(0);
});

test("GET /download with another machine's token is the same 401 as an unknown machine", async () => {
  const mine = await machineWithFile(randomBytes(16), "a.bin");
  const other = await machineWithFile(randomBytes(16), "b.bin");

  const wrongToken = await invoke({
    method: "GET",
    path: "/download",
    query: { machine_id: mine.machineId },
    headers: { Authorization: `Bearer ${other.token}` },
  });
  const unknown = await invoke({
    method: "GET",
    path: "/download",
    query: { machine_id: "no-such-machine" },
    headers: { Authorization: `Bearer ${other.token}` },
  });

  for (const result of [wrongToken, unknown]) {
    expect(result.statusCode).toBe(401);
    expect(result.headers["content-type"]).toMatch(/^application\/json/);
    expect(json(result).error.code).toBe("unauthorized");
  }
  expect(wrongToken.body).toBe(unknown.body);
});

test("GET /download takes the token in X-Fleetdrop-Token too; two different tokens are the same 401", async () => {
  const content = randomBytes(16);
  const mine = await machineWithFile(content, "a.bin");
  const other = await machineWithFile(randomBytes(16), "b.bin");
  const download = (headers: Record<string, string>) =>
    invoke({ method: "GET", path: "/download", query: { machine_id: mine.machineId }, headers });

  const viaHeader = await download({ "X-Fleetdrop-Token": mine.token });
  expect(viaHeader.statusCode).toBe(302);
  expect(viaHeader.headers["x-content-sha256"]).toBe(sha256(content));
  expect((await download({ "X-Fleetdrop-Token": mine.token, Authorization: `Bearer ${mine.token}` })).statusCode).toBe(
    302,
  );

  const refused = [
    await download({ "X-Fleetdrop-Token": other.token }),
    await download({ "X-Fleetdrop-Token": mine.token, Authorization: `Bearer ${other.token}` }),
    await download({ "X-Fleetdrop-Token": other.token, Authorization: `Bearer ${mine.token}` }),
    await download({ "X-Fleetdrop-Token": mine.token, Authorization: `Basic ${mine.token}` }),
    await download({}),
  ];
  for (const result of refused) {
    expect(result.statusCode).toBe(401);
    expect(result.headers["www-authenticate"]).toBe("Bearer");
    expect(result.headers.location).toBeUndefined();
    expect(result.body).toBe(refused[0]!.body);
  }
});

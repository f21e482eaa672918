import { createHash, randomBytes } from "node:crypto";
import { Config } from "@fleetdrop/core/config";
import { Machine } from "@fleetdrop/core/machine";
import { declare, sha256 } from "@fleetdrop/core/testing";
import { Upload } from "@fleetdrop/core/upload";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { expect, test } from "vitest";
import { handler } from "./api.ts";

const adminToken = "test-admin-token-0123456789";

interface Request {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  base64?: boolean;
}

/**
 * An API Gateway HTTP API event (payload format 2.0) for the `$default` route, as API Gateway
 * sends it: lower-case header names, the query both raw and parsed, the request context.
 */
function apiEvent(request: Request): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(request.query ?? {}).toString();
  const body =
    request.body === undefined
      ? undefined
      : request.base64
        ? Buffer.from(request.body).toString("base64")
        : request.body;
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: request.path,
    rawQueryString,
    headers: {
      accept: "*/*",
      host: "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
      "user-agent": "curl/8.5.0",
      "x-amzn-trace-id": "Root=1-6743a1b2-0123456789abcdef01234567",
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-port": "443",
      "x-forwarded-proto": "https",
      ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(request.body!)) }),
      ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    },
    ...(request.query ? { queryStringParameters: request.query } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      domainName: "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "a1b2c3d4e5",
      http: {
        method: request.method,
        path: request.path,
        protocol: "HTTP/1.1",
        sourceIp: "203.0.113.7",
        userAgent: "curl/8.5.0",
      },
      requestId: "BnDvRjWdoAMEVhQ=",
      routeKey: "$default",
      stage: "$default",
      time: "24/Nov/2026:12:00:00 +0000",
      timeEpoch: 1795521600000,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: request.base64 ?? false,
  };
}

async function invoke(
  request: Request,
): Promise<APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> }> {
  // hono/aws-lambda has its own event types (`body: string | null`, a required `authorizer`);
  // the fixture follows @types/aws-lambda and API Gateway, which omit both when there is none.
  const event = apiEvent(request) as unknown as Parameters<typeof handler>[0];
  const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
  expect(result.headers).toBeDefined();
  return result as APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };
}

const json = (result: APIGatewayProxyStructuredResultV2) => JSON.parse(result.body ?? "");

/** A machine with an active file, and its token. The bytes go up as the CLI sends them: the presigned POST. */
async function machineWithFile(content: Buffer, filename: string) {
  const { machineId, token } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const intent = await declare(machineId, content, filename);
  const form = new FormData();
  for (const [name, value] of Object.entries(intent.fields)) form.append(name, value);
  form.append("file", new Blob([content]), filename);
  expect((await fetch(intent.url, { method: "POST", body: form })).status).toBe(204);
  expect(await Upload.processObject(intent.key)).toBe("active");
  return { machineId, token, intent };
}

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

test("POST /uploads with a JSON body declares the upload and answers 201 with a POST policy", async () => {
  const { machineId } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const content = randomBytes(300);
  const declaration = {
    machineId,
    filename: "Image.IMG",
    size: content.length,
    sha256: sha256(content),
    contentType: "application/x-raw-disk-image",
  };

  const result = await invoke({
    method: "POST",
    path: "/uploads",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(declaration),
  });

  expect(result.statusCode).toBe(201);
  expect(result.headers["content-type"]).toMatch(/^application\/json/);
  const intent = json(result);
  expect(intent).toMatchObject({ machineId, url: `${Config.s3Endpoint}/${Config.bucketName}` });
  expect(intent.key).toBe(`files/${machineId}/${intent.uploadId}.img`);
  expect(intent.fields).toMatchObject({
    key: intent.key,
    "Content-Type": "application/x-raw-disk-image",
    "x-amz-meta-sha256": declaration.sha256,
  });
  const policy = JSON.parse(Buffer.from(intent.fields.Policy, "base64").toString("utf8"));
  expect(policy.conditions).toContainEqual(["content-length-range", content.length, content.length]);
  expect(Date.parse(intent.expiresAt) - Date.now()).toBeGreaterThan((Config.uploadUrlTtlSeconds - 60) * 1000);

  const stored = await Upload.get(intent.uploadId);
  expect(stored).toMatchObject({
    machineId,
    filename: "Image.IMG",
    size: content.length,
    sha256: declaration.sha256,
    status: "pending",
  });
});

test("POST /uploads accepts a body API Gateway delivers base64-encoded", async () => {
  // API Gateway base64-encodes bodies it does not recognise as text; the JSON must read the same.
  const { machineId } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const declaration = { machineId, filename: "résumé final.pdf", size: 10, sha256: sha256(randomBytes(10)) };

  const result = await invoke({
    method: "POST",
    path: "/uploads",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json; charset=utf-8" },
    body: JSON.stringify(declaration),
    base64: true,
  });

  expect(result.statusCode).toBe(201);
  expect((await Upload.get(json(result).uploadId)).filename).toBe("résumé final.pdf");
});

test("POST /uploads without the admin token is a 401 and declares nothing", async () => {
  const { machineId } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const result = await invoke({
    method: "POST",
    path: "/uploads",
    headers: { Authorization: "Bearer not-the-admin-token", "Content-Type": "application/json" },
    body: JSON.stringify({ machineId, filename: "x.bin", size: 1, sha256: sha256(Buffer.from("x")) }),
  });

  expect(result.statusCode).toBe(401);
  expect(json(result).error.code).toBe("unauthorized");
  expect(await Upload.listForMachine(await Machine.get(machineId), 10)).toEqual([]);
});

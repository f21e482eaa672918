import type { Context as LambdaContext } from "aws-lambda";
import { Hono } from "hono";
import { expect, test, vi } from "vitest";
import { handler } from "../api.ts";
import { app } from "./app.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("every response carries a fresh X-Request-Id locally: success, 404, 401 and 400 alike", async () => {
  const responses = await Promise.all([
    app.request("/health"),
    app.request("/health"),
    app.request("/nope"),
    app.request("/machines"),
    app.request("/download?machine_id=%20bad"),
  ]);
  expect(responses.map((res) => res.status)).toEqual([200, 200, 404, 401, 400]);
  const ids = responses.map((res) => res.headers.get("x-request-id"));
  for (const id of ids) expect(id).toMatch(uuid);
  expect(new Set(ids).size).toBe(ids.length);
});

test("on Lambda the id is the invocation's request id (a Function URL event)", async () => {
  const awsRequestId = "8f5c3a52-1b7e-4a5e-9f1a-3c2d1e0f9a8b";
  const event = {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/nope",
    rawQueryString: "",
    headers: { host: "abc123.lambda-url.us-east-1.on.aws", "x-forwarded-proto": "https" },
    requestContext: {
      accountId: "anonymous",
      apiId: "abc123",
      domainName: "abc123.lambda-url.us-east-1.on.aws",
      domainPrefix: "abc123",
      http: { method: "GET", path: "/nope", protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "curl/8.5.0" },
      requestId: "a-url-request-id",
      routeKey: "$default",
      stage: "$default",
      time: "25/Nov/2026:12:00:00 +0000",
      timeEpoch: 1795608000000,
    },
    isBase64Encoded: false,
  } as unknown as Parameters<typeof handler>[0];
  const context = { awsRequestId, functionName: "fleetdrop-production-ApiFunction" } as LambdaContext;
  const result = (await handler(event, context)) as { statusCode: number; headers: Record<string, string> };
  expect(result.statusCode).toBe(404);
  expect(result.headers["x-request-id"]).toBe(awsRequestId);
});

test("a 500's log line carries the X-Request-Id its response shows, and locally the first request is the cold start", async () => {
  // The logger reads LOG_LEVEL once, at import: load a fresh copy under "error".
  vi.stubEnv("LOG_LEVEL", "error");
  vi.resetModules();
  const { onError } = await import("./errors.ts");
  const { requestId } = await import("./request-id.ts");
  const failing = new Hono()
    .use(requestId)
    .get("/", () => {
      throw new Error("boom");
    })
    .onError(onError);
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const responses = [await failing.request("/"), await failing.request("/")];
    expect(responses.map((res) => res.status)).toEqual([500, 500]);
    const lines = written.map((text) => JSON.parse(text)).filter((entry) => entry.message === "unhandled error");
    expect(lines.map((line) => line.requestId)).toEqual(responses.map((res) => res.headers.get("x-request-id")));
    expect(lines[0].requestId).toMatch(uuid);
    expect(lines.map((line) => [line.coldStart, line.functionName])).toEqual([
      [true, "local"],
      [false, "local"],
    ]);
  } finally {
    spy.mockRestore();
    vi.unstubAllEnvs();
  }
});

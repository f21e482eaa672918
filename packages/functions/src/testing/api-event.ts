/**
 * Calls the API's Lambda entry (api.ts) as API Gateway does, with payload 2.0 events, for the tests of
 * api.ts; and makes machines with an active file on the stand-ins.
 */
import { randomBytes } from "node:crypto";
import { Machine } from "@fleetdrop/core/machine";
import { declare } from "@fleetdrop/core/testing";
import { Upload } from "@fleetdrop/core/upload";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { expect } from "vitest";
import { handler } from "../api.ts";

export const adminToken = "test-admin-token-0123456789";

export interface Request {
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

export async function invoke(
  request: Request,
): Promise<APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> }> {
  // hono/aws-lambda has its own event types (`body: string | null`, a required `authorizer`);
  // the fixture follows @types/aws-lambda and API Gateway, which omit both when there is none.
  const event = apiEvent(request) as unknown as Parameters<typeof handler>[0];
  const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
  expect(result.headers).toBeDefined();
  return result as APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };
}

export const json = (result: APIGatewayProxyStructuredResultV2) => JSON.parse(result.body ?? "");

/** A machine with an active file, and its token. The bytes go up as the CLI sends them: the presigned POST. */
export async function machineWithFile(content: Buffer, filename: string) {
  const { machineId, token } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const intent = await declare(machineId, content, filename);
  const form = new FormData();
  for (const [name, value] of Object.entries(intent.fields)) form.append(name, value);
  form.append("file", new Blob([content]), filename);
  expect((await fetch(intent.url, { method: "POST", body: form })).status).toBe(204);
  expect(await Upload.processObject(intent.key)).toBe("active");
  return { machineId, token, intent };
}

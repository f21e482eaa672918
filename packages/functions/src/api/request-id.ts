/**
 * `X-Request-Id` on every API response, errors included, and on every log line of the request (the
 * log context): on Lambda the invocation's request id (the `requestId` of Lambda's own log lines and
 * REPORT, so one id finds everything), locally a fresh UUID. A client's own X-Request-Id is not taken
 * over: ids must be unique and safe to log.
 */
import { randomUUID } from "node:crypto";
import { withLogContext } from "@fleetdrop/core/log";
import type { MiddlewareHandler } from "hono";

export const requestIdHeader = "X-Request-Id";

type LambdaBindings = { lambdaContext?: { awsRequestId?: string } } | undefined;

export const requestId: MiddlewareHandler<{ Variables: { requestId: string } }> = async (c, next) => {
  const id = (c.env as LambdaBindings)?.lambdaContext?.awsRequestId ?? randomUUID();
  c.set("requestId", id);
  c.header(requestIdHeader, id);
  await withLogContext({ requestId: id }, next);
  // A response built elsewhere (onError, notFound) may not carry the prepared headers.
  if (!c.res.headers.has(requestIdHeader)) c.res.headers.set(requestIdHeader, id);
};

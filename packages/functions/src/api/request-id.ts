/**
 * `X-Request-Id` on every API response, errors included, and on every log line of the request (the
 * log context): on Lambda the invocation's request id (the `requestId` of Lambda's own log lines and
 * REPORT, so one id finds everything), locally a fresh UUID. A client's own X-Request-Id is not taken
 * over: ids must be unique and safe to log.
 */
import { randomUUID } from "node:crypto";
import { takeColdStart, withLogContext } from "@fleetdrop/core/log";
import type { MiddlewareHandler } from "hono";

export const requestIdHeader = "X-Request-Id";

type LambdaBindings = { lambdaContext?: { awsRequestId?: string } } | undefined;

export const requestId: MiddlewareHandler<{ Variables: { requestId: string } }> = async (c, next) => {
  const lambdaId = (c.env as LambdaBindings)?.lambdaContext?.awsRequestId;
  const id = lambdaId ?? randomUUID();
  c.set("requestId", id);
  c.header(requestIdHeader, id);
  // On Lambda the invocation wrapper (../lambda/invocation.ts) has taken the cold-start flag; the
  // local stack has no wrapper around a request, so its first request is the cold start.
  await withLogContext(lambdaId ? { requestId: id } : { requestId: id, coldStart: takeColdStart() }, next);
  // A response built elsewhere (onError, notFound) may not carry the prepared headers.
  if (!c.res.headers.has(requestIdHeader)) c.res.headers.set(requestIdHeader, id);
};

/**
 * The single mapping from the error model to HTTP: `{"error":{"code","message"}}` with the status
 * each VisibleError carries.
 */

import { VisibleError } from "@fleetdrop/core/error";
import { log } from "@fleetdrop/core/log";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function onError(error: Error, c: Context) {
  if (error instanceof VisibleError) {
    // RFC 9110: a 401 names the scheme that would be accepted.
    if (error.status === 401) c.header("WWW-Authenticate", "Bearer");
    return c.json(errorBody(error.code, error.message), error.status);
  }
  // Hono's own 4xx, e.g. a body that is not JSON.
  if (error instanceof HTTPException && error.status < 500) {
    return c.json(errorBody("invalid_request", error.message || "The request is malformed."), 400);
  }
  // The line carries the request id the response shows in X-Request-Id (api/request-id.ts sets the
  // log context), so a report of a 500 finds its line.
  log.error("unhandled error", { err: error, method: c.req.method, path: c.req.path });
  return c.json(errorBody("internal_error", "Something went wrong on our side; it has been logged."), 500);
}

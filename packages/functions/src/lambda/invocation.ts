/**
 * Wraps a Lambda entry so every log line of an invocation carries its request id (Lambda's
 * awsRequestId, the id of Lambda's own lines and of the API's X-Request-Id) and whether it is the
 * process's first invocation (a cold start). Off Lambda (the local stack calls the entries without
 * a context) each invocation gets a fresh id instead.
 */
import { randomUUID } from "node:crypto";
import { takeColdStart, withLogContext } from "@fleetdrop/core/log";
import type { Context } from "aws-lambda";

/** The entry as Lambda calls it; the local stack and the tests leave out the context (and the sweeper's event). */
type Entry = (event: never, context?: Context) => Promise<unknown>;

/** `handler` as it is called, and as Lambda calls it, with its context. */
type Invocation<Handler extends Entry> = Handler &
  ((event: Parameters<Handler>[0], context?: Context) => ReturnType<Handler>);

export function invocation<Handler extends Entry>(handler: Handler): Invocation<Handler> {
  const wrapped = (event: never, context?: Context) =>
    withLogContext({ requestId: context?.awsRequestId ?? randomUUID(), coldStart: takeColdStart() }, () =>
      handler(event, context),
    );
  // The same parameters and result as `handler`: only the log context differs.
  return wrapped as Invocation<Handler>;
}

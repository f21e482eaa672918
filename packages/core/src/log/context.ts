/**
 * The fields every log line of one request or invocation carries (its request id, whether it is a
 * cold start), kept in an AsyncLocalStorage so that code deep in core logs them without passing
 * them along. Lambda entries set it for a whole invocation (packages/functions/src/lambda); the
 * API's request-id middleware sets it for a request, on Lambda and locally alike.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type Fields = Record<string, unknown>;

const storage = new AsyncLocalStorage<Fields>();

/** Runs `work` with `fields` added to the context of every log line it writes, however deep. */
export function withLogContext<T>(fields: Fields, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The fields of the current request or invocation; none outside one. */
export function logContext(): Fields {
  return storage.getStore() ?? {};
}

let coldStart = true;

/**
 * True for the first invocation of this process (a cold start), false ever after: each Lambda
 * entry calls it once as an invocation begins. Lines written before that (at import) say true.
 */
export function takeColdStart(): boolean {
  const first = coldStart;
  coldStart = false;
  return first;
}

/** Whether no invocation has begun yet in this process. */
export const isColdStart = () => coldStart;

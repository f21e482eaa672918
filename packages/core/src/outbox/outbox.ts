/**
 * Webhooks (CONTRACT §6) through an outbox in the table: an event is first written as an item
 * (./store.ts, a conditional put under a deterministic id, so emitting again is a no-op), then sent
 * by ./drain.ts, the same code locally (a timer, kicked after each emission) and on AWS (a function
 * on the table's stream, and the sweeper's schedule for retries). Nothing on a request's path waits
 * for a receiver.
 */

export { type DrainReport, drain } from "./drain.ts";
export * from "./event.ts";
export { sign } from "./signature.ts";
export { emit, onEmitted } from "./store.ts";

/**
 * Failure queues: where Lambda sends an asynchronous event that failed every retry (infra/handlers.ts
 * names a function's queue). Messages stay 14 days for an operator to read; infra/alarms.ts fires
 * while one is there.
 */
import type { QueueName } from "./handlers.ts";

export const objectCreatedFailures = new sst.aws.Queue("ObjectCreatedFailures" satisfies QueueName, {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

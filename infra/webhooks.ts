/**
 * The webhook sender: a function on the table's stream, filtered to new outbox items, so a webhook
 * goes out right after the write that emitted it without anything on the request path waiting for
 * it. Retries run on the sweeper's schedule (Sweeper.run drains the outbox too). A failing drain
 * (DynamoDB, not a receiver: those are rescheduled) throws, and Lambda retries the stream batch.
 */
import { keys } from "@fleetdrop/core/table";
import { defaults } from "./functions.ts";
import { deployed } from "./handlers.ts";
import { table } from "./storage.ts";
import { wiring } from "./wiring.ts";

table.subscribe(
  "Webhooks",
  {
    ...defaults,
    ...wiring(deployed.webhooks),
    memory: "256 MB",
    // Up to 8 batches of receivers at 15 s each, sent concurrently within a batch.
    timeout: "3 minutes",
  },
  {
    filters: [{ eventName: ["INSERT"], dynamodb: { Keys: { pk: { S: [{ prefix: keys.outboxPrefix }] } } } }],
  },
);

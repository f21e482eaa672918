/**
 * Delivers S3 events into the ObjectCreated handler the way Lambda invokes it asynchronously:
 * each event on its own, concurrently, retried after the configured delays when the handler throws.
 * Delivered events are kept so tests (and curious operators) can replay them through /_local/events.
 */

import { log } from "@fleetdrop/core/log";
import type { S3Event } from "aws-lambda";

type Handler = (event: S3Event) => Promise<void>;

export interface EventDelivery {
  deliver(event: S3Event): void;
  /** Invokes the handler once, awaiting it: what `aws lambda invoke` of one event does. */
  invoke(event: S3Event): Promise<void>;
  delivered(): S3Event[];
  idle(): Promise<void>;
}

function reportEscaped(event: S3Event, error: unknown): void {
  try {
    log.error("event delivery failed unexpectedly (the sweeper will pick the object up)", {
      key: event.Records?.[0]?.s3?.object?.key,
      err: error instanceof Error ? { message: String(error.message) } : String(error),
    });
  } catch {
    process.stderr.write("event delivery failed unexpectedly, and so did logging it\n");
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createEventDelivery(handler: Handler, retryDelaysMs: number[]): EventDelivery {
  const inFlight = new Set<Promise<void>>();
  const history: S3Event[] = [];

  async function withRetries(event: S3Event): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        const key = event.Records[0]?.s3.object.key;
        if (delay === undefined) {
          log.error("event delivery failed; giving up (the sweeper will pick the object up)", {
            key,
            attempts: attempt + 1,
            err: error,
          });
          return;
        }
        log.warn("event delivery failed; retrying", { key, attempt: attempt + 1, delayMs: delay, err: error });
        await sleep(delay);
      }
    }
  }

  return {
    deliver(event) {
      history.push(event);
      // Asynchronous, like S3 notifications: the upload's HTTP response does not wait for it.
      // A delivery never rejects: whatever escapes the retries is logged, never left unhandled.
      const delivery = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => withRetries(event))
        .catch((error: unknown) => reportEscaped(event, error));
      inFlight.add(delivery);
      void delivery.then(() => inFlight.delete(delivery));
    },
    invoke: (event) => handler(event),
    delivered: () => [...history],
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

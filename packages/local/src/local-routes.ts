/**
 * Local-only routes under /_local (admin token required), standing in for what the AWS console and
 * CLI give an operator: replaying events into the handler (`aws lambda invoke`), and running the
 * sweeper now instead of waiting for its timer.
 */

import { InvalidRequestError } from "@fleetdrop/core/error";
import type { S3Event } from "aws-lambda";
import { type ErrorHandler, Hono, type MiddlewareHandler } from "hono";
import type { EventDelivery } from "./event-delivery.ts";

interface Dependencies {
  events: EventDelivery;
  sweep: () => Promise<unknown>;
  requireAdmin: MiddlewareHandler;
  onError: ErrorHandler;
}

export function localRoutes({ events, sweep, requireAdmin, onError }: Dependencies) {
  return new Hono()
    .basePath("/_local")
    .use(requireAdmin)
    .get("/events", async (c) => {
      await events.idle();
      return c.json({ events: events.delivered() });
    })
    .post("/events", async (c) => {
      const event = (await c.req.json().catch(() => undefined)) as S3Event | undefined;
      if (!Array.isArray(event?.Records))
        throw new InvalidRequestError('The body must be an S3 event: {"Records": [...]}.');
      await events.invoke(event);
      return c.json({ invoked: true });
    })
    .post("/sweep", async (c) => c.json(await sweep()))
    .post("/idle", async (c) => {
      await events.idle();
      return c.json({ idle: true });
    })
    .onError(onError);
}

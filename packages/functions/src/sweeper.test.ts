import type { ScheduledEvent } from "aws-lambda";
import { expect, test } from "vitest";
import { handler } from "./sweeper.ts";

const scheduledEvent: ScheduledEvent = {
  version: "0",
  id: "cdc73f9d-aea9-11e3-9d5a-835b769c0d9c",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: "2026-11-24T12:00:00Z",
  region: "us-east-1",
  resources: ["arn:aws:events:us-east-1:123456789012:rule/fleetdrop-sweeper"],
  detail: {},
};

// The sweeper's behaviour is covered end to end (packages/e2e); here, that the entry point runs a
// sweep against the linked resources and reports what it did.
test("a scheduled event runs a sweep", async () => {
  const report = await handler(scheduledEvent);
  expect(report).toEqual({
    expired: expect.any(Number),
    processed: expect.any(Number),
    staleAnnounced: expect.any(Number),
    webhooks: { sent: expect.any(Number), failed: expect.any(Number) },
  });
});

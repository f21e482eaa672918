/**
 * Lambda entry: sends due webhooks (Outbox.drain), invoked by the table's stream when an outbox item
 * is written (infra/webhooks.ts filters the stream to those). The records only say "something is
 * due": the drain reads the outbox itself, so a lost or repeated invocation changes nothing, and the
 * sweeper's schedule retries what failed.
 */
import { Outbox } from "@fleetdrop/core/outbox";
import type { DynamoDBStreamEvent, Handler } from "aws-lambda";
import { invocation } from "./lambda/invocation.ts";

export const handler = invocation(
  async (_event?: DynamoDBStreamEvent): Promise<Outbox.DrainReport> => Outbox.drain(),
) satisfies Handler<DynamoDBStreamEvent, Outbox.DrainReport>;

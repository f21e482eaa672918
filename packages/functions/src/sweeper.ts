/** Lambda entry: the scheduled sweeper. */

// Every run lists S3: load the S3 SDK at init, not lazily on first use (see core storage/sdk.ts).
import "@fleetdrop/core/storage/sdk";
import { Sweeper } from "@fleetdrop/core/sweeper";
import type { Handler, ScheduledEvent } from "aws-lambda";
import { invocation } from "./lambda/invocation.ts";

export const handler = invocation(
  async (_event?: ScheduledEvent): Promise<Sweeper.Report> => Sweeper.run(),
) satisfies Handler<ScheduledEvent, Sweeper.Report>;

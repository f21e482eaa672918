/** Lambda entry: the scheduled sweeper. */

import { Sweeper } from "@fleetdrop/core/sweeper";
import type { Handler, ScheduledEvent } from "aws-lambda";
import { invocation } from "./lambda/invocation.ts";

export const handler = invocation(
  async (_event?: ScheduledEvent): Promise<Sweeper.Report> => Sweeper.run(),
) satisfies Handler<ScheduledEvent, Sweeper.Report>;

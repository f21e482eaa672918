/** Lambda entry: the scheduled sweeper. */
import type { Handler, ScheduledEvent } from "aws-lambda";
import { Sweeper } from "@fleetdrop/core/sweeper";

export const handler = (async (_event?: ScheduledEvent): Promise<Sweeper.Report> => Sweeper.run()) satisfies Handler<
  ScheduledEvent,
  Sweeper.Report
>;

/** Lambda entry: the scheduled sweeper. */
import { Sweeper } from "@fleetdrop/core/sweeper";

export const handler = async (): Promise<Sweeper.Report> => Sweeper.run();

/**
 * What each stage deploys with, committed: the functions' tunables, the API's throttle and whether
 * the stage is production (protected, retained, deletion-protected, point-in-time recovery). Nothing
 * here comes from the deployer's shell, so a stray `LOG_LEVEL=debug` in a terminal never reaches a
 * deployment: change this file and deploy. Plain data (no SST globals): the infrastructure, the cost
 * model (`npm run cost`) and the tests import it.
 */

import type { Tunables } from "@fleetdrop/core/tunables";

/** The tunables of @fleetdrop/core/tunables that a deployment sets (the code's defaults apply otherwise). */
export type TunableName = keyof Tunables;

export interface StageSettings {
  /** Protects the stage's resources from `sst remove` and from deletion (see README "Protect production"). */
  production: boolean;
  /** Passed to every function as environment variables. */
  tunables: Partial<Record<TunableName, string>>;
  /**
   * Reserved concurrency of the API function: at most this many requests run at once, the rest get
   * 429. It also reserves that many from the account's limit, and AWS keeps 100 unreserved, so it
   * needs an account limit of at least 100 + this (new accounts start lower: leave it unset there).
   */
  apiReservedConcurrency?: number;
  /** Where the alarm topic sends email (each address confirms once); unset: subscribe by hand. */
  alarmEmail?: string;
}

export const productionStages = ["prod", "production"];

const everyStage = {
  LOG_LEVEL: "info",
  // S3 is expected to check the declared SHA-256 itself; "off" drops the field from the POST policy
  // if a region refuses it (npm run smoke names this setting when S3 refuses an upload).
  S3_POST_CHECKSUM: "on",
} satisfies StageSettings["tunables"];

const production: StageSettings = {
  production: true,
  tunables: {
    ...everyStage,
    // A 304 poll writes lastSeenAt at most every 10 minutes per machine: 150 machines polling every
    // minute stay under $3 a month (README "Cost model"), and a day-long STALE_AFTER_SECONDS is unaffected.
    LAST_SEEN_RESOLUTION_SECONDS: "600",
  },
  apiReservedConcurrency: 20,
};

const development: StageSettings = {
  production: false,
  tunables: { ...everyStage, LAST_SEEN_RESOLUTION_SECONDS: "60" },
};

export function stageSettings(stage: string): StageSettings {
  return productionStages.includes(stage) ? production : development;
}

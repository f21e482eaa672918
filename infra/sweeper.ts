/**
 * The sweeper every 5 minutes (EventBridge Scheduler). Runs may overlap (a run can take up to 15
 * minutes); the sweep is safe to run concurrently. No reserved concurrency to prevent that: new
 * accounts cannot reserve any.
 */
import { defaults, hashing } from "./functions.ts";
import { deployed } from "./handlers.ts";
import { wiring } from "./wiring.ts";

export const sweeper = new sst.aws.CronV2("Sweeper", {
  schedule: "rate(5 minutes)",
  function: {
    ...defaults,
    ...hashing,
    ...wiring(deployed.sweeper),
  },
});

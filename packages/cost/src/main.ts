/**
 * `npm run cost -- --machines N --interval-minutes P [--resolution-seconds S] [--downloads-per-month D]`
 * prints the monthly cost of a fleet polling at that rate. The resolution defaults to the one
 * production deploys (infra/stages.ts); downloads default to one replacement per machine a month.
 */
import { parseArgs } from "node:util";
import { stageSettings } from "../../../infra/stages.ts";
import { estimate } from "./model.ts";
import { renderEstimate } from "./table.ts";

const usage =
  "usage: npm run cost -- --machines N --interval-minutes P [--resolution-seconds S] [--downloads-per-month D]";

function number(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined && fallback !== undefined) return fallback;
  const value = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(value) || value < 0) {
    process.stderr.write(`--${name} needs a number ≥ 0${raw === undefined ? "" : `, not "${raw}"`}\n${usage}\n`);
    process.exit(2);
  }
  return value;
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      machines: { type: "string" },
      "interval-minutes": { type: "string" },
      "resolution-seconds": { type: "string" },
      "downloads-per-month": { type: "string" },
    },
  }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}

const machines = number("machines", values.machines);
const intervalMinutes = number("interval-minutes", values["interval-minutes"]);
if (machines === 0 || intervalMinutes === 0) {
  process.stderr.write(`--machines and --interval-minutes must be more than 0\n${usage}\n`);
  process.exit(2);
}
const deployed = Number(stageSettings("production").tunables.LAST_SEEN_RESOLUTION_SECONDS);
const workload = {
  machines,
  intervalMinutes,
  resolutionSeconds: number("resolution-seconds", values["resolution-seconds"], deployed),
  downloadsPerMonth: number("downloads-per-month", values["downloads-per-month"], machines),
};
console.log(renderEstimate(estimate(workload)));

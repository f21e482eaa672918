/**
 * Bundle budget: builds every Lambda entry as `sst deploy` does (bundle-build.ts), times cold imports
 * interleaved with `node -e 0` (import-time.ts), and judges each against its budget (infra/bundling.ts).
 */
import { bundleBudgets } from "../../../infra/bundling.ts";
import { buildAll, type FunctionName } from "./bundle-build.ts";
import { importTime, nodeStartTime } from "./import-time.ts";
import { median } from "./measure.ts";

export interface BundleMeasurement {
  name: FunctionName;
  coldKB: number;
  zipKB: number;
  /** Median and range of the import time over the runs. */
  importMs: number;
  importRangeMs: [number, number];
  /** The import time as on a quiet machine: scaled by quietNodeStartMs / this run's `node -e 0`. */
  importMsQuiet: number;
  budget: { kb: number; importMs: number };
  pass: { size: boolean; import: boolean };
}

/**
 * `node -e 0` on this machine when it is quiet (NOTES.md, median). The machine is shared: a busy run
 * slows process start and module loading alike, so the import time is also given scaled by it.
 */
export const quietNodeStartMs = 50;

export async function measureBundles(outDir: string, runs = 7) {
  const builds = await buildAll(outDir);
  const times = new Map<FunctionName, number[]>(builds.map((b) => [b.name, []]));
  const baseline: number[] = [];
  // Interleaved: a burst of load on the machine hits every row, not one.
  for (let run = 0; run < runs; run++) {
    baseline.push(await nodeStartTime());
    for (const bundle of builds) times.get(bundle.name)!.push(await importTime(bundle));
  }
  const baselineMs = median(baseline);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const measurements = builds.map((bundle): BundleMeasurement => {
    const samples = times.get(bundle.name)!;
    const budget = bundleBudgets[bundle.name];
    const importMs = median(samples);
    const importMsQuiet = (importMs * quietNodeStartMs) / baselineMs;
    const coldKB = bundle.coldBytes / 1000;
    return {
      name: bundle.name,
      coldKB: round(coldKB),
      zipKB: round(bundle.zipBytes / 1000),
      importMs: round(importMs),
      importRangeMs: [round(Math.min(...samples)), round(Math.max(...samples))],
      importMsQuiet: round(importMsQuiet),
      budget,
      pass: { size: coldKB <= budget.kb, import: importMsQuiet <= budget.importMs },
    };
  });
  return {
    builds,
    measurements,
    baseline: {
      nodeStartMs: round(baselineMs),
      rangeMs: [round(Math.min(...baseline)), round(Math.max(...baseline))] as [number, number],
    },
  };
}

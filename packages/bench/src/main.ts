/**
 * `npm run bench`: the CLI's targets (issue 13) against baselines measured in the same run, on the
 * local stack with one large file (BENCH_SIZE_MIB, default 1024; BENCH_ROUNDS transfers per side,
 * default 4; BENCH_POLL_ROUNDS polls, default 15), then the Lambda bundles' sizes and import
 * times. Prints tables, then one JSON document on the last line.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureBundles } from "./bundles.ts";
import { printBudgetTable } from "./bundles-table.ts";
import { formatRows, targetRows } from "./targets.ts";
import { benchTransfers } from "./transfer.ts";

const sizeMiB = Number(process.env.BENCH_SIZE_MIB ?? 1024);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const pollRounds = Number(process.env.BENCH_POLL_ROUNDS ?? 15);

const transfers = await benchTransfers({ sizeMiB, rounds, pollRounds });
const rows = targetRows(transfers);
console.log(
  `\nCLI targets: one-file build on Node ${transfers.node}; ` +
    `${rounds} interleaved rounds of ${sizeMiB} MiB, ${pollRounds} polls`,
);
console.log(formatRows(rows));

const outDir = await mkdtemp(join(tmpdir(), "fleetdrop-bundles-"));
const { measurements: bundles, baseline } = await measureBundles(outDir).finally(() =>
  rm(outDir, { recursive: true, force: true }),
);
console.log("\nLambda bundles (esbuild, ESM, minified, as SST builds them)");
printBudgetTable(bundles, baseline, 7);

const runs = (series: { runs: { seconds: number; peakRssMiB: number }[] }) =>
  series.runs.map((r) => ({
    seconds: Math.round(r.seconds * 1000) / 1000,
    peakRssMiB: Math.round(r.peakRssMiB * 10) / 10,
  }));
console.log(
  JSON.stringify({
    sizeMiB,
    node: transfers.node,
    targets: rows,
    runs: Object.fromEntries(
      (["poll", "download", "upload"] as const).flatMap((kind) =>
        Object.entries(transfers[kind]).map(([side, series]) => [`${kind}.${side}`, runs(series)]),
      ),
    ),
    bundles,
  }),
);

/**
 * `npm run bench`: CLI vs curl transfers of one large file (BENCH_SIZE_MIB, default 1024) against
 * the local stack, and the Lambda bundles' sizes and import times. Prints tables, then one JSON
 * document on the last line.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureBundles } from "./bundles.ts";
import { printBudgetTable } from "./bundles-table.ts";
import { benchTransfers } from "./transfer.ts";

const sizeMiB = Number(process.env.BENCH_SIZE_MIB ?? 1024);

const transfers = await benchTransfers(sizeMiB);
console.log(`\nTransfers of a ${sizeMiB} MiB file (ratio = curl time / CLI time; 1.0 = as fast as curl)`);
console.table(transfers);

const outDir = await mkdtemp(join(tmpdir(), "fleetdrop-bundles-"));
const { measurements: bundles, baseline } = await measureBundles(outDir).finally(() =>
  rm(outDir, { recursive: true, force: true }),
);
console.log("\nLambda bundles (esbuild, ESM, minified, as SST builds them)");
printBudgetTable(bundles, baseline, 7);

console.log(JSON.stringify({ sizeMiB, transfers, bundles }));

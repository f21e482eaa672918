/**
 * `npm run bench`: CLI vs curl transfers of one large file (BENCH_SIZE_MIB, default 1024) against
 * the local stack, and the Lambda bundles' sizes and import times. Prints tables, then one JSON
 * document on the last line.
 */
import { measureBundles } from "./bundles.ts";
import { benchTransfers } from "./transfer.ts";

const sizeMiB = Number(process.env.BENCH_SIZE_MIB ?? 1024);

const transfers = await benchTransfers(sizeMiB);
console.log(`\nTransfers of a ${sizeMiB} MiB file (ratio = curl time / CLI time; 1.0 = as fast as curl)`);
console.table(transfers);

const bundles = await measureBundles();
console.log("\nLambda bundles (esbuild, ESM, minified, as SST builds them)");
console.table(bundles);

console.log(JSON.stringify({ sizeMiB, transfers, bundles }));

/**
 * `npm run bench:bundles`: per Lambda function, the bytes a cold start loads and the import time in
 * a fresh Node 24, each against its budget (infra/bundling.ts), then where the bytes go, then the
 * measurements as JSON. Exits 1 when a bundle is over budget.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesByPackage } from "./bundle-build.ts";
import { measureBundles, quietNodeStartMs } from "./bundles.ts";
import { printBudgetTable } from "./bundles-table.ts";

const runs = Number(process.env.BENCH_IMPORT_RUNS ?? 7);
const outDir = await mkdtemp(join(tmpdir(), "fleetdrop-bundles-"));
try {
  const { builds, measurements, baseline } = await measureBundles(outDir, runs);
  printBudgetTable(measurements, baseline, runs);

  for (const bundle of builds) {
    console.log(`\n${bundle.name}: largest packages loaded at cold start`);
    for (const { name, bytes } of bytesByPackage(bundle.coldInputs).slice(0, 12)) {
      const share = ((100 * bytes) / bundle.coldBytes).toFixed(1);
      console.log(`  ${name.padEnd(40)} ${(bytes / 1000).toFixed(1).padStart(7)} KB  ${share.padStart(5)}%`);
    }
  }

  console.log(`\n${JSON.stringify({ baseline, quietNodeStartMs, measurements })}`);
  if (measurements.some((m) => !m.pass.size || !m.pass.import)) process.exitCode = 1;
} finally {
  await rm(outDir, { recursive: true, force: true });
}

/**
 * Prints the bundle budget: size and cold import time per Lambda entry, the packages that make up
 * each bundle, then the measurements as JSON. `npx node packages/bench/src/bundles-main.ts`
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAll, bytesByPackage, measureBundles } from "./bundles.ts";

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const measurements = await measureBundles();
console.log("bundle            size        import (median of 5, fresh process)");
for (const m of measurements) console.log(`${m.name.padEnd(17)} ${kib(m.bytes).padStart(10)}  ${m.importMs.toFixed(1).padStart(7)} ms`);

const outDir = await mkdtemp(join(tmpdir(), "fleetdrop-bundles-"));
try {
  for (const bundle of await buildAll(outDir)) {
    console.log(`\n${bundle.name}: largest packages`);
    for (const { name, bytes } of bytesByPackage(bundle.metafile).slice(0, 10)) {
      console.log(`  ${name.padEnd(36)} ${kib(bytes).padStart(10)}  ${((100 * bytes) / bundle.bytes).toFixed(1).padStart(5)}%`);
    }
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}

console.log("\n" + JSON.stringify(measurements));

/** The budget table of `npm run bench:bundles`: one row per function, target and pass/fail per column. */
import { type BundleMeasurement, quietNodeStartMs } from "./bundles.ts";

const verdict = (pass: boolean) => (pass ? "pass" : "FAIL");

export function printBudgetTable(
  measurements: BundleMeasurement[],
  baseline: { nodeStartMs: number; rangeMs: [number, number] },
  runs: number,
) {
  console.log(
    `baseline: node -e 0 median ${baseline.nodeStartMs} ms (${baseline.rangeMs[0]}–${baseline.rangeMs[1]}), ` +
      `${quietNodeStartMs} ms when the machine is quiet; imports are medians of ${runs}, interleaved with it`,
  );
  console.log("KB = 1000 bytes; cold = the entry and the chunks it imports statically; zip = every chunk\n");
  const header = [
    "function",
    "cold KB",
    "target",
    "size",
    "zip KB",
    "import ms (range)",
    "as quiet",
    "target",
    "import",
  ];
  const rows = measurements.map((m) => [
    m.name,
    m.coldKB.toFixed(1),
    `≤ ${m.budget.kb}`,
    verdict(m.pass.size),
    m.zipKB.toFixed(1),
    `${m.importMs.toFixed(1)} (${m.importRangeMs[0]}–${m.importRangeMs[1]})`,
    m.importMsQuiet.toFixed(1),
    `≤ ${m.budget.importMs}`,
    verdict(m.pass.import),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
}

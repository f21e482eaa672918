// Prints vitest's JSON report as the plain line "N passed, N failed" (", N skipped" when any).
import { readFileSync } from "node:fs";

const path = process.argv[2] ?? "reports/vitest.json";
let report;
try {
  report = JSON.parse(readFileSync(path, "utf8"));
} catch (error) {
  console.log("0 passed, 0 failed");
  console.error(`no test report at ${path}: ${error.message}`);
  process.exit(1);
}
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (report.numTotalTests === 0) process.exit(1);

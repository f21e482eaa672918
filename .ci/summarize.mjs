// Prints vitest's JSON reports (npm test's, npm run test:e2e's, then npm run test:chaos's) as one plain line
// "N passed, N failed" (", N skipped" when any). A missing or empty report is a failure.
import { readFileSync } from "node:fs";

const paths = process.argv.length > 2 ? process.argv.slice(2) : ["reports/vitest.json"];
const total = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
for (const path of paths) {
  try {
    const report = JSON.parse(readFileSync(path, "utf8"));
    total.passed += report.numPassedTests;
    total.failed += report.numFailedTests;
    total.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) broken = true;
  } catch (error) {
    console.error(`no test report at ${path}: ${error.message}`);
    broken = true;
  }
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
if (broken) process.exit(1);

import { expect, test } from "vitest";

// The project's own install provides Node 24 (the `node` devDependency); an install that skipped
// scripts would silently fall back to the machine's Node. This makes that impossible to miss.
test("scripts run on Node 24", () => {
  expect(process.version).toMatch(/^v24\./);
});

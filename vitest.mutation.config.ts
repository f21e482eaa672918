/**
 * The tests StrykerJS runs against each mutant of core (`npm run test:mutation`): core's own tests,
 * with the same stand-ins as `npm test`. Core's tests import core by relative paths, so they see
 * the mutated copy in Stryker's sandbox.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/core/src/**/*.test.ts"],
    // The reliability suite needs its own settings (vitest.chaos.config.ts) and kills stacks: not per mutant.
    exclude: ["**/node_modules/**", "**/*.chaos.test.ts"],
    globalSetup: ["packages/local/src/testing/global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

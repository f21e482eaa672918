import { defineConfig } from "vitest/config";

/**
 * `npm run test:e2e`: the end-to-end suite. Each file starts the real local stack (`packages/local`,
 * as `npm start` does) and speaks HTTP only; the dashboard's files drive it in a real browser.
 * Kept apart from `npm test` so that one stays under five minutes on two cores; `.ci/run` runs both.
 */
export default defineConfig({
  test: {
    include: [
      "packages/e2e/src/**/*.test.ts",
      "packages/web/e2e/dashboard.test.ts",
      "packages/web/e2e/delivery-states.test.ts",
      "packages/web/e2e/bundle-size.test.ts",
      "packages/web/e2e/cors.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/*.chaos.test.ts"],
    globalSetup: [
      "packages/local/src/testing/global-setup.ts",
      // The CLI contract tests run its one-file build.
      "packages/cli/src/testing/bundle-setup.ts",
      // Builds the dashboard (packages/web/dist) once if it is missing or stale.
      "packages/web/e2e/global-setup.ts",
    ],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest-e2e.json" }]],
  },
});

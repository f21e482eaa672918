import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/web/e2e/dashboard.test.ts",
      "packages/web/e2e/cors.test.ts",
      "packages/web/e2e/delivery-states.test.ts",
      "packages/web/e2e/bundle-size.test.ts",
    ],
    // The reliability suite runs on its own: npm run test:chaos (vitest.chaos.config.ts).
    exclude: ["**/node_modules/**", "**/*.chaos.test.ts"],
    globalSetup: [
      // Starts the S3 and DynamoDB stand-ins once and links them to every test worker.
      "packages/local/src/testing/global-setup.ts",
      // The CLI's tests run its one-file build, made once here.
      "packages/cli/src/testing/bundle-setup.ts",
      // Builds the dashboard (packages/web/dist) once if it is missing or stale.
      "packages/web/e2e/global-setup.ts",
    ],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});

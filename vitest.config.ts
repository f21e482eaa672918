import { defineConfig } from "vitest/config";

/**
 * `npm test`: unit and integration tests of every package, against the real stand-ins. The end-to-end
 * suite (the whole local stack over HTTP, and the dashboard in a browser) is `npm run test:e2e`
 * (vitest.e2e.config.ts); the reliability suite is `npm run test:chaos`. `.ci/run` runs all three.
 */
export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.chaos.test.ts", "packages/e2e/**"],
    globalSetup: [
      // Starts the S3 and DynamoDB stand-ins once and links them to every test worker.
      "packages/local/src/testing/global-setup.ts",
      // The CLI's tests run its one-file build, made once here.
      "packages/cli/src/testing/bundle-setup.ts",
    ],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});

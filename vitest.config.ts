import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts"],
    // Starts the S3 and DynamoDB stand-ins once and links them to every test worker.
    // The CLI's tests run its one-file build, made once here.
    globalSetup: ["packages/local/src/testing/global-setup.ts", "packages/cli/src/testing/bundle-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});

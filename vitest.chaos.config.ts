import { defineConfig } from "vitest/config";

/**
 * `npm run test:chaos`: the reliability suite (`*.chaos.test.ts`), run apart from `npm test`. Files
 * run one after another: they sweep the shared stand-ins and kill local stacks, which must not race
 * the rest. The sweeper treats every object as settled here, so a sweep stands in for a lost event.
 */
export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.chaos.test.ts"],
    globalSetup: ["packages/local/src/testing/global-setup.ts"],
    env: { SWEEPER_OBJECT_MIN_AGE_SECONDS: "0" },
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest-chaos.json" }]],
  },
});

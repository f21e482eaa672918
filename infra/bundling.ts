/**
 * How SST bundles every function (its `nodejs` options), as plain data: infra/functions.ts passes it
 * to each function, and the bundle benchmark (packages/bench/src/bundles.ts) builds with it, so
 * what is measured is what deploys. Budgets are what `npm run bench:bundles` holds each bundle to.
 *
 * Code splitting puts what is only imported dynamically in chunks of its own, loaded when first
 * needed: the SDK's credential chain beyond environment credentials (SSO, INI, STS, instance
 * metadata), which no function uses on Lambda (see @fleetdrop/core/aws credentials.ts), is never
 * loaded at all. In the API the S3 client and presigners are such a chunk too, loaded on first use
 * (packages/core/src/storage/sdk.ts). The AWS SDK stays bundled, at the versions package-lock.json
 * pins.
 */
export const nodejsBuild = { minify: true, splitting: true } as const;

/** Per function (infra/handlers.ts keys): bytes loaded at cold start, and import time in a fresh Node. */
export const bundleBudgets = {
  api: { kb: 350, importMs: 70 },
  objectCreated: { kb: 300, importMs: 70 },
  sweeper: { kb: 300, importMs: 70 },
  // The webhook sender: DynamoDB and fetch only, no S3.
  webhooks: { kb: 300, importMs: 70 },
} as const;

/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Fleetdrop on AWS: a private bucket and a table, the API on a Lambda Function URL, the
 * ObjectCreated handler (with its failure queue), the sweeper, the webhook sender on the table's
 * stream, the admin and webhook secrets, and alarms. Each piece lives in infra/ (storage, secret,
 * api, events, sweeper, webhooks, alarms); what each function may do is data in infra/access.ts, and
 * what each stage deploys with is data in infra/stages.ts.
 * `npm run infra:check` type-checks all of it against SST's component types offline.
 */
export default $config({
  app(input) {
    // The same list as productionStages in infra/stages.ts (app() cannot import it; a test compares them).
    const production = ["prod", "production"].includes(input?.stage ?? "");
    return {
      name: "fleetdrop",
      home: "aws",
      // Production refuses `sst remove` and keeps its bucket and table even when they leave this
      // file; every other stage is disposable.
      protect: production,
      removal: production ? "retain" : "remove",
    };
  },
  async run() {
    const { bucket, table } = await import("./infra/storage.ts");
    const { apiUrl } = await import("./infra/api.ts");
    await import("./infra/events.ts");
    await import("./infra/sweeper.ts");
    await import("./infra/webhooks.ts");
    await import("./infra/alarms.ts");
    return { ApiUrl: apiUrl, Bucket: bucket.name, Table: table.name };
  },
});

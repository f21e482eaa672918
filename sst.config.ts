/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Fleetdrop on AWS: a private bucket and a table, the HTTP API, the ObjectCreated handler, the
 * sweeper, the webhook sender on the table's stream, and the admin and webhook secrets. Each piece
 * lives in infra/ (storage, secret, api, events, sweeper, webhooks);
 * what each function may do is data in infra/access.ts. `npm run infra:check` type-checks all of
 * it against SST's component types offline.
 */
export default $config({
  app(input) {
    return {
      name: "fleetdrop",
      home: "aws",
      // Production keeps its bucket and table on `sst remove`; every other stage is disposable.
      removal: ["prod", "production"].includes(input?.stage ?? "") ? "retain" : "remove",
    };
  },
  async run() {
    const { bucket, table } = await import("./infra/storage.ts");
    const { api } = await import("./infra/api.ts");
    await import("./infra/events.ts");
    await import("./infra/sweeper.ts");
    await import("./infra/webhooks.ts");
    return { ApiUrl: api.url, Bucket: bucket.name, Table: table.name };
  },
});

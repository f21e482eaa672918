/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Fleetdrop on AWS: a private bucket and a table, the HTTP API, the admin dashboard, the ObjectCreated
 * handler and the sweeper, and the admin secret. Each piece lives in infra/ (storage, secret, api,
 * web, events, sweeper);
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
    const { api, routeApi } = await import("./infra/api.ts");
    const { site, siteOrigin } = await import("./infra/web.ts");
    routeApi([siteOrigin]);
    await import("./infra/events.ts");
    await import("./infra/sweeper.ts");
    return { ApiUrl: api.url, DashboardUrl: site.url, Bucket: bucket.name, Table: table.name };
  },
});

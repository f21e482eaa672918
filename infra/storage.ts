/**
 * The bucket (private; objects only under files/) and the table. Linking either to a function
 * gives its code the name (`Resource.Bucket.name`, `Resource.Table.name`) and nothing else: SST's
 * built-in links grant s3:* and dynamodb:*, so they are replaced here, and each function gets
 * exactly the actions in infra/access.ts instead.
 */
import { tableDefinition } from "@fleetdrop/core/table";
import type { LinkName } from "./handlers.ts";
import { stageSettings } from "./stages.ts";

sst.Linkable.wrap(sst.aws.Bucket, (bucket) => ({ properties: { name: bucket.name } }));
sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({ properties: { name: table.name } }));

/**
 * Origins allowed to POST uploads from a browser, from ALLOWED_ORIGINS at deploy time (comma
 * separated, e.g. "https://admin.example.com", or "*"; SST also reads .env and .env.<stage>).
 * Unset means no CORS rule at all: the CLI and curl need none, only browsers do.
 */
function uploadCors() {
  const origins = (process.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.length === 0) return false as const;
  return {
    allowOrigins: origins,
    allowMethods: ["POST" as const],
    allowHeaders: ["*"],
    exposeHeaders: ["ETag"],
    maxAge: "1 hour" as const,
  };
}

export const bucket = new sst.aws.Bucket("Bucket" satisfies LinkName, { cors: uploadCors() });

// Production's table cannot be deleted (deletion protection, on top of `removal: "retain"` and
// `protect`), and keeps 35 days of point-in-time recovery (SST enables it; stated here so it stays).
export const table = new sst.aws.Dynamo("Table" satisfies LinkName, {
  fields: Object.fromEntries(tableDefinition.attributes.map((name) => [name, "string" as const])),
  primaryIndex: tableDefinition.primaryIndex,
  globalIndexes: tableDefinition.globalIndexes,
  // Download log entries and sent webhooks carry an expiry (epoch seconds) that DynamoDB honours.
  ttl: tableDefinition.ttl,
  // New outbox items trigger the webhook sender (infra/webhooks.ts); keys are all it needs.
  stream: "keys-only",
  deletionProtection: stageSettings($app.stage).production,
  transform: {
    table: (args) => {
      args.pointInTimeRecovery = { enabled: true };
    },
  },
});

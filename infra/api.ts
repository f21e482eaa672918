/**
 * The HTTP API: one Hono app behind an API Gateway HTTP API, every path sent to it (`$default`).
 * Chosen over a Lambda Function URL for a stable endpoint that can take a custom domain, stage
 * throttling and access logs later without touching the function; both deliver payload format 2.0,
 * which hono/aws-lambda reads. CORS is answered by the app itself (packages/functions/src/api/cors.ts)
 * for the dashboard's origin only; API Gateway's own CORS stays off.
 */
import { access } from "./access.ts";
import { defaults } from "./functions.ts";
import { grants } from "./permissions.ts";
import { adminToken } from "./secret.ts";
import { bucket, table } from "./storage.ts";

export const api = new sst.aws.ApiGatewayV2("Api", { cors: false });

/**
 * Every path to the Hono app. Made once the dashboard exists (sst.config.ts): the site is built
 * with this API's URL, and the API must know the site's origin to answer its CORS.
 */
export function routeApi(dashboardOrigins: $util.Input<string>[]) {
  api.route("$default", {
    ...defaults,
    environment: {
      ...defaults.environment,
      CORS_ALLOWED_ORIGINS: $util.all(dashboardOrigins).apply((origins) => origins.join(",")),
    },
    handler: "packages/functions/src/api.handler",
    memory: "1024 MB",
    // API Gateway gives up on an integration after 30 seconds.
    timeout: "29 seconds",
    link: [bucket, table, adminToken],
    permissions: grants(access.api, { bucket, table }),
  });
}

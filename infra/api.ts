/**
 * The HTTP API: one Hono app behind an API Gateway HTTP API, every path sent to it (`$default`).
 * Chosen over a Lambda Function URL for a stable endpoint that can take a custom domain, stage
 * throttling and access logs later without touching the function; both deliver payload format 2.0,
 * which hono/aws-lambda reads. No CORS: the clients are the CLI, scripts and machines, not browsers.
 */
import { defaults } from "./functions.ts";
import { deployed } from "./handlers.ts";
import { wiring } from "./wiring.ts";

export const api = new sst.aws.ApiGatewayV2("Api", { cors: false });

api.route("$default", {
  ...defaults,
  ...wiring(deployed.api),
  memory: "1024 MB",
  // API Gateway gives up on an integration after 30 seconds.
  timeout: "29 seconds",
});

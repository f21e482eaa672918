/**
 * The HTTP API: one Hono app on a Lambda Function URL (payload format 2.0, which hono/aws-lambda
 * reads, as it reads API Gateway's). Chosen over an API Gateway HTTP API because the fleet's steady
 * load is polling and a Function URL has no per-request charge (150 machines every minute: the HTTP
 * API alone would be $6.48 a month, the whole stack under $3 without it). What API Gateway would
 * add is covered here: throttling by the function's reserved concurrency (infra/stages.ts; excess
 * requests get 429), a request id on every response (X-Request-Id), and a custom domain, when
 * wanted, through an SST Router (CloudFront) in front. CORS is the Hono app's (it must answer the
 * same way locally), so the URL's own CORS is off: two layers would send the headers twice.
 */
import { defaults, settings } from "./functions.ts";
import { deployed } from "./handlers.ts";
import { wiring } from "./wiring.ts";

export const api = new sst.aws.Function("Api", {
  ...defaults,
  ...wiring(deployed.api),
  memory: "1024 MB",
  // Every route answers in well under a second; a stuck one should not hold a reserved slot long.
  timeout: "20 seconds",
  url: { authorization: "none", cors: false },
  ...(settings.apiReservedConcurrency ? { concurrency: { reserved: settings.apiReservedConcurrency } } : {}),
});

/** The API's base URL without the trailing "/" a Function URL has, so `${ApiUrl}/download` is right. */
export const apiUrl = api.url.apply((url) => url.replace(/\/+$/, ""));

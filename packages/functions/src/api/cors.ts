/**
 * CORS for the admin dashboard, which runs on its own origin (CloudFront, or its own port locally):
 * only the origins in CORS_ALLOWED_ORIGINS ("*": any, without credentials; every route needs a
 * bearer token a browser never adds by itself), and nothing at all when it is empty. The CLI, curl
 * and machines are not browsers and need none.
 */

import { Config } from "@fleetdrop/core/config";
import { cors as honoCors } from "hono/cors";
import { createMiddleware } from "hono/factory";

const origins = Config.corsAllowedOrigins;

export const cors =
  origins.length > 0
    ? honoCors({
        origin: origins.includes("*") ? "*" : origins,
        allowMethods: ["GET", "POST", "DELETE"],
        allowHeaders: ["Authorization", "Content-Type"],
        maxAge: 600,
      })
    : createMiddleware(async (_c, next) => next());

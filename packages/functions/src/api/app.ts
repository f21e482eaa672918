/** The HTTP API: the same Hono app on a Lambda Function URL on AWS and @hono/node-server locally. */
import { Hono } from "hono";
import { RouteNotFoundError } from "@fleetdrop/core/error";
import { cors } from "./cors.ts";
import { download } from "./download.ts";
import { onError } from "./errors.ts";
import { requestId } from "./request-id.ts";
import { machines } from "./machines.ts";
import { uploads } from "./uploads.ts";

export const app = new Hono()
  .use(requestId)
  .use(cors)
  .get("/health", (c) => c.json({ status: "ok" }))
  .route("/machines", machines)
  .route("/uploads", uploads)
  .route("/download", download)
  .notFound(() => {
    throw new RouteNotFoundError();
  })
  .onError(onError);

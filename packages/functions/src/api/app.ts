/** The HTTP API: the same Hono app behind API Gateway on AWS and @hono/node-server locally. */
import { Hono } from "hono";
import { RouteNotFoundError } from "@fleetdrop/core/error";
import { download } from "./download.ts";
import { onError } from "./errors.ts";
import { fleet } from "./fleet.ts";
import { requestId } from "./request-id.ts";
import { machines } from "./machines.ts";
import { reports } from "./reports.ts";
import { uploads } from "./uploads.ts";

export const app = new Hono()
  .use(requestId)
  .get("/health", (c) => c.json({ status: "ok" }))
  .route("/machines", machines)
  .route("/uploads", uploads)
  .route("/download", download)
  .route("/reports", reports)
  .route("/fleet", fleet)
  .notFound(() => {
    throw new RouteNotFoundError();
  })
  .onError(onError);

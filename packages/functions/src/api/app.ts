/** The HTTP API: the same Hono app on a Lambda Function URL on AWS and @hono/node-server locally. */

import { PayloadTooLargeError, RouteNotFoundError } from "@fleetdrop/core/error";
import { bodyLimit } from "hono/body-limit";
import { Hono } from "hono/tiny";
import { cors } from "./cors.ts";
import { download } from "./download.ts";
import { onError } from "./errors.ts";
import { fleet } from "./fleet.ts";
import { machines } from "./machines.ts";
import { reports } from "./reports.ts";
import { requestId } from "./request-id.ts";
import { uploads } from "./uploads.ts";

/** Every body the API reads is a small JSON document; file bytes go to S3, never through here. */
const maxBodyBytes = 64 * 1024;

export const app = new Hono()
  .use(requestId)
  .use(cors)
  // Counts the bytes as they arrive, so a chunked body without Content-Length is cut off too.
  .use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(maxBodyBytes);
      },
    }),
  )
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

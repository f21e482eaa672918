/**
 * The whole system in one process: S3 and DynamoDB stand-ins, the HTTP API, event delivery into the
 * ObjectCreated handler, and the sweeper on a timer. The handlers are the Lambda entry files,
 * configured exactly as on AWS: through SST_RESOURCE_* links plus the stand-ins' endpoints.
 */
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { S3Event } from "aws-lambda";
import { adminTokenPath, loadOrCreateAdminToken, writeApiUrl } from "./admin-token.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { startDynamoServer } from "./dynamo-server.ts";
import { createEventDelivery } from "./event-delivery.ts";
import { linkEnvironment } from "./link-environment.ts";
import { localRoutes } from "./local-routes.ts";
import { toS3Events } from "./s3-event.ts";
import { startS3Server } from "./s3-server.ts";
import type { Settings } from "./settings.ts";
import { createSweepSchedule } from "./sweep-schedule.ts";
import { startWebServer } from "./web-server.ts";

/** How often due webhooks (retries) are looked for; new ones are sent at once. */
const webhookRetryTickMs = 1000;

export interface Stack {
  apiUrl: string;
  /** The dashboard, on its own origin; `webBuilt` is false when packages/web/dist is missing. */
  webUrl: string;
  webBuilt: boolean;
  s3Endpoint: string;
  dynamoEndpoint: string;
  adminToken: string;
  /** Where the generated admin token is kept, or undefined when FLEETDROP_ADMIN_TOKEN supplied it. */
  adminTokenFile: string | undefined;
  stop(): Promise<void>;
}

export async function startStack(settings: Settings, options: { deliverEvents?: boolean } = {}): Promise<Stack> {
  await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
  const unlockDataDir = await lockDataDir(settings.dataDir);
  const adminToken = settings.adminToken ?? (await loadOrCreateAdminToken(settings.dataDir));
  // The dashboard starts first: its origin is what the API and the bucket allow (CORS).
  let apiUrl = "";
  const web = await startWebServer({ host: settings.host, port: settings.webPort, apiUrl: () => apiUrl });
  const webOrigins = [web.url, web.url.replace(settings.host, "localhost")];
  const s3 = await startS3Server({ ...settings, port: settings.s3Port, corsOrigins: webOrigins });
  const dynamo = await startDynamoServer({ ...settings, port: settings.dynamoPort });

  Object.assign(
    process.env,
    linkEnvironment({
      ...settings,
      stage: "local",
      s3Endpoint: s3.endpoint,
      dynamoEndpoint: dynamo.endpoint,
      adminToken,
    }),
  );
  // Origins set by whoever started the stack (a Vite dev server, say) are allowed too.
  process.env.CORS_ALLOWED_ORIGINS = [process.env.CORS_ALLOWED_ORIGINS, ...webOrigins].filter(Boolean).join(",");
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;

  // Imported only now: the handlers read their configuration when they load, as on a cold start.
  const { app } = await import("@fleetdrop/functions/api/app");
  const { requireAdmin } = await import("@fleetdrop/functions/api/auth");
  const { onError } = await import("@fleetdrop/functions/api/errors");
  const objectCreated = await import("@fleetdrop/functions/object-created");
  const sweeper = await import("@fleetdrop/functions/sweeper");
  const { log } = await import("@fleetdrop/core/log");
  const { Outbox } = await import("@fleetdrop/core/outbox");

  const events = createEventDelivery((event: S3Event) => objectCreated.handler(event), settings.eventRetryDelaysMs);
  if (options.deliverEvents !== false) {
    s3.onEvent((raw) => {
      try {
        for (const event of toS3Events(raw, settings.region)) events.deliver(event);
      } catch (error) {
        log.error("could not turn a local S3 event into an S3 notification; the sweeper will pick the object up", {
          err: error,
        });
      }
    });
  }

  const sweeps = createSweepSchedule(
    () => sweeper.handler(),
    (error) => log.error("sweep failed; the next one will try again", { err: error }),
  );
  const timer = setInterval(() => sweeps.tick(), settings.sweepIntervalMs);
  timer.unref();

  // Webhooks: the outbox is drained after every emission (never awaited by the request that
  // emitted) and on a timer for retries, as the table's stream and the sweeper's schedule do on AWS.
  // One drain at a time; a kick during a drain runs one more after it.
  let draining: Promise<unknown> | undefined;
  let drainAgain = false;
  const drain = (): void => {
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = Outbox.drain()
      .catch((error) => log.error("webhook drain failed", { err: error }))
      .finally(() => {
        draining = undefined;
        if (drainAgain) {
          drainAgain = false;
          drain();
        }
      });
  };
  const stopKicks = Outbox.onEmitted(() => setImmediate(drain));
  const drainTimer = setInterval(drain, webhookRetryTickMs);
  drainTimer.unref();

  const local = localRoutes({ events, sweep: sweeps.sweep, requireAdmin, onError });
  const server = serve({
    hostname: settings.host,
    port: settings.port,
    // The bindings (the Node request) go along: the download log reads the client's address from them.
    fetch: (request, bindings) =>
      new URL(request.url).pathname.startsWith("/_local/") ? local.fetch(request) : app.fetch(request, bindings),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  apiUrl = `http://${settings.host}:${(server.address() as AddressInfo).port}`;
  await writeApiUrl(settings.dataDir, apiUrl);
  setTimeout(() => sweeps.tick(), 1000).unref();

  return {
    apiUrl,
    webUrl: web.url,
    webBuilt: web.built,
    s3Endpoint: s3.endpoint,
    dynamoEndpoint: dynamo.endpoint,
    adminToken,
    adminTokenFile: settings.adminToken ? undefined : adminTokenPath(settings.dataDir),
    async stop() {
      clearInterval(timer);
      clearInterval(drainTimer);
      stopKicks();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await web.close();
      await events.idle();
      await sweeps.idle();
      await s3.close();
      await dynamo.close();
      await unlockDataDir();
    },
  };
}

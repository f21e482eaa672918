/**
 * Serves the built dashboard (packages/web/dist) on its own origin, as CloudFront does on AWS, so
 * the browser goes through CORS to reach the API and the bucket exactly as in production. Adds
 * `/config.json` naming the API, whose port is only known at start. A missing build is a clear
 * 503 page, not a crash: `npm start` builds it first (prestart); a bare `node main.ts` may not.
 */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

export const webDistDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

export interface WebServer {
  url: string;
  built: boolean;
  close(): Promise<void>;
}

export interface WebServerOptions {
  host: string;
  port: number;
  /** Read on each /config.json: the API starts after the dashboard, whose origin it must know. */
  apiUrl: () => string;
  distDir?: string;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const distDir = options.distDir ?? webDistDir;
  const built = existsSync(join(distDir, "index.html"));
  const app = new Hono()
    .use(async (c, next) => {
      await next();
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Referrer-Policy", "no-referrer");
      c.header("X-Frame-Options", "DENY");
    })
    .get("/config.json", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ apiUrl: options.apiUrl() });
    });
  if (built) {
    app
      .use("/assets/*", async (c, next) => {
        await next();
        // File names carry a content hash.
        if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
      })
      .use("*", serveStatic({ root: distDir }))
      .get("*", serveStatic({ root: distDir, path: "index.html" }));
  } else {
    const notBuilt = "The dashboard is not built. Run `npm run build:web` (npm start does it for you).\n";
    app.get("*", (c) => c.text(notBuilt, 503));
  }

  const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return {
    url: `http://${options.host}:${(server.address() as AddressInfo).port}`,
    built,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

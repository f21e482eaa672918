import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { startWebServer, type WebServer } from "./web-server.ts";

let dir: string | undefined;
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = dir = undefined;
});

it("serves the built dashboard, its assets and /config.json naming the API", async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-web-dist-"));
  await mkdir(join(dir, "assets"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>Fleetdrop</title>");
  await writeFile(join(dir, "assets", "index-abc.js"), "console.log(1)");
  server = await startWebServer({ host: "127.0.0.1", port: 0, apiUrl: () => "http://127.0.0.1:3000", distDir: dir });
  expect(server.built).toBe(true);

  const page = await fetch(`${server.url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("<title>Fleetdrop</title>");
  expect(page.headers.get("x-frame-options")).toBe("DENY");

  const asset = await fetch(`${server.url}/assets/index-abc.js`);
  expect(await asset.text()).toBe("console.log(1)");
  expect(asset.headers.get("cache-control")).toContain("immutable");

  const config = await fetch(`${server.url}/config.json`);
  expect(await config.json()).toEqual({ apiUrl: "http://127.0.0.1:3000" });
  expect(config.headers.get("cache-control")).toBe("no-store");
});

it("answers 503 with what to run when the dashboard is not built", async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-web-dist-"));
  server = await startWebServer({ host: "127.0.0.1", port: 0, apiUrl: () => "", distDir: join(dir, "missing") });
  expect(server.built).toBe(false);
  const page = await fetch(`${server.url}/`);
  expect(page.status).toBe(503);
  expect(await page.text()).toContain("npm run build:web");
});

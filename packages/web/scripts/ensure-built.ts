/**
 * Builds the dashboard into packages/web/dist when the build is missing or older than its
 * sources (or was made with other VITE_* settings). `npm start` runs it first (prestart), so a
 * fresh clone serves the dashboard after `npm ci`; an up-to-date build costs a few stat calls.
 */
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = fileURLToPath(new URL("..", import.meta.url));
export const distDir = join(webDir, "dist");
const stampFile = join(distDir, "build-settings.json");
const sources = ["src", "index.html", "vite.config.ts", "csp.ts", "package.json"];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

function buildSettings(): string {
  const vite = Object.entries(process.env).filter(([name]) => name.startsWith("VITE_"));
  return JSON.stringify(Object.fromEntries(vite.sort()));
}

export async function isBuildCurrent(): Promise<boolean> {
  const built = await stat(join(distDir, "index.html")).catch(() => undefined);
  if (!built) return false;
  const stamp = await readFile(stampFile, "utf8").catch(() => "");
  if (stamp !== buildSettings()) return false;
  const newest = Math.max(...(await Promise.all(sources.map((source) => newestMtime(join(webDir, source))))));
  return newest <= built.mtimeMs;
}

export async function ensureBuilt(log: (line: string) => void = () => undefined): Promise<void> {
  if (await isBuildCurrent()) return;
  log("Building the dashboard (packages/web)...");
  const { build } = await import("vite");
  // Vite builds for NODE_ENV when it is set (vitest sets "test"), which would ship React's
  // development build: a production build, then the caller's environment back as it was.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: webDir, configFile: join(webDir, "vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await writeFile(stampFile, buildSettings());
}

if (import.meta.main) {
  await ensureBuilt((line) => process.stderr.write(`${line}\n`));
}

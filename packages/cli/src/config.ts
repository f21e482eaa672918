/**
 * Where the CLI talks to and with which token: FLEETDROP_URL (default the local stack),
 * FLEETDROP_ADMIN_TOKEN (default: the local stack's admin-token file when the URL is local) and
 * FLEETDROP_MACHINE_TOKEN for the machine side. Tokens are never taken from arguments, which other
 * users of the host could read in the process list.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "./errors.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const localHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function apiUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const raw = env.FLEETDROP_URL ?? "http://127.0.0.1:3000";
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url;
  } catch {
    throw new UsageError(`FLEETDROP_URL is not an http(s) URL: ${raw}`);
  }
}

export function localAdminTokenPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(env.FLEETDROP_DATA_DIR ?? join(repoRoot, ".fleetdrop")), "admin-token");
}

export async function adminToken(url: URL, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.FLEETDROP_ADMIN_TOKEN) return env.FLEETDROP_ADMIN_TOKEN;
  if (!localHosts.has(url.hostname)) {
    throw new UsageError("Set FLEETDROP_ADMIN_TOKEN to the admin token of the Fleetdrop at " + url.origin + ".");
  }
  const path = localAdminTokenPath(env);
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    throw new UsageError(`No admin token: set FLEETDROP_ADMIN_TOKEN, or start the local stack (npm start) so ${path} exists.`);
  }
}

export function machineToken(env: NodeJS.ProcessEnv = process.env): string {
  if (!env.FLEETDROP_MACHINE_TOKEN) throw new UsageError("Set FLEETDROP_MACHINE_TOKEN to this machine's token.");
  return env.FLEETDROP_MACHINE_TOKEN;
}

/**
 * Where the CLI talks to and with which token: FLEETDROP_URL (default the local stack),
 * FLEETDROP_ADMIN_TOKEN (default: the local stack's admin-token file when the URL is local) and
 * FLEETDROP_MACHINE_TOKEN for the machine side. Tokens are never taken from arguments, which other
 * users of the host could read in the process list. Each token says where it came from, so an
 * error can name it.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "./errors.ts";

export interface Credentials {
  token: string;
  /** Where the token came from, as a person would look for it: a variable or a file. */
  source: string;
}

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

export async function adminCredentials(url: URL, env: NodeJS.ProcessEnv = process.env): Promise<Credentials> {
  if (env.FLEETDROP_ADMIN_TOKEN) return { token: env.FLEETDROP_ADMIN_TOKEN, source: "FLEETDROP_ADMIN_TOKEN" };
  if (!localHosts.has(url.hostname)) {
    throw new UsageError(`Set FLEETDROP_ADMIN_TOKEN to the admin token of the Fleetdrop at ${url.origin}.`);
  }
  // The local stack's data dir: FLEETDROP_DATA_DIR, else the repo's .fleetdrop (this file is
  // src/config.ts or dist/fleetdrop.mjs, both three levels below the repo).
  const dataDir = resolve(env.FLEETDROP_DATA_DIR ?? fileURLToPath(new URL("../../../.fleetdrop", import.meta.url)));
  const path = join(dataDir, "admin-token");
  const token = await readFile(path, "utf8").then(
    (text) => text.trim(),
    () => {
      throw new UsageError(
        `No admin token: set FLEETDROP_ADMIN_TOKEN, or start the local stack (npm start) so ${path} exists.`,
      );
    },
  );
  // A second local stack on other ports keeps its own data dir: never send one stack's token to another.
  const stackUrl = await readFile(join(dataDir, "api-url"), "utf8").then(
    (text) => text.trim(),
    () => undefined,
  );
  if (stackUrl && !sameLocalOrigin(new URL(stackUrl), url)) {
    throw new UsageError(
      `${path} belongs to the local stack at ${stackUrl}, not ${url.origin}. ` +
        "Set FLEETDROP_DATA_DIR to that stack's data dir, or FLEETDROP_ADMIN_TOKEN.",
    );
  }
  return { token, source: path };
}

export function machineCredentials(env: NodeJS.ProcessEnv = process.env): Credentials {
  if (!env.FLEETDROP_MACHINE_TOKEN) throw new UsageError("Set FLEETDROP_MACHINE_TOKEN to this machine's token.");
  return { token: env.FLEETDROP_MACHINE_TOKEN, source: "FLEETDROP_MACHINE_TOKEN" };
}

function sameLocalOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.port === b.port && localHosts.has(a.hostname) && localHosts.has(b.hostname);
}

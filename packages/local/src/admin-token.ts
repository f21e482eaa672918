/** The local admin token: FLEETDROP_ADMIN_TOKEN, or one generated on first start into a 0600 file. */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Token } from "@fleetdrop/core/token";

export function adminTokenPath(dataDir: string): string {
  return join(dataDir, "admin-token");
}

export async function loadOrCreateAdminToken(dataDir: string): Promise<string> {
  const path = adminTokenPath(dataDir);
  try {
    return (await readFile(path, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const token = Token.generateAdminToken();
  // "wx": never overwrite a token another starting stack just wrote.
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: "wx" });
  return token;
}

/**
 * The API URL of the stack that owns this data dir, beside its admin token, so the CLI never sends
 * one local stack's token to another stack on other ports.
 */
export async function writeApiUrl(dataDir: string, apiUrl: string): Promise<void> {
  await writeFile(join(dataDir, "api-url"), `${apiUrl}\n`);
}

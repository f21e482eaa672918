/**
 * Vitest global setup: builds the one-file CLI (as `npm run build` does) into a temporary dir once,
 * and tells the test workers where it is (FLEETDROP_CLI_BUNDLE). The CLI tests run that file: it
 * is what a fleet machine runs, and it starts in a fraction of the time of the TypeScript sources.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleCli } from "../bundle.ts";

export default async function setup() {
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-cli-bundle-"));
  process.env.FLEETDROP_CLI_BUNDLE = await bundleCli(join(dir, "fleetdrop.mjs"));
  return () => rm(dir, { recursive: true, force: true });
}

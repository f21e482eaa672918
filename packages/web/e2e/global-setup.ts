/** Builds the dashboard once per test run when packages/web/dist is missing or stale. */
import { ensureBuilt } from "../scripts/ensure-built.ts";

export default async function setup(): Promise<void> {
  await ensureBuilt((line) => process.stderr.write(`${line}\n`));
}

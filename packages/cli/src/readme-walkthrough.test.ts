import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { collect } from "./testing/cli.ts";

// README's walkthrough, as a new user runs it: every ```sh walkthrough block, in order, in one bash
// session, against a freshly started local stack. The one substitution: `npx fleetdrop` runs the
// CLI's one-file build (made by the global setup), since the session's directory is not the repo.
const readme = new URL("../../../README.md", import.meta.url);

function walkthroughBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh walkthrough\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

let stack: RunningStack;
let dir: string;
beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-walkthrough-"));
});
afterAll(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("README's walkthrough runs top to bottom against a fresh local stack", async () => {
  const blocks = walkthroughBlocks(await readFile(readme, "utf8"));
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  const script = [
    "set -euo pipefail",
    'npx() { if [ "$1" = fleetdrop ]; then shift; node "$FLEETDROP_CLI_BUNDLE" "$@"; else command npx "$@"; fi; }',
    ...blocks,
  ].join("\n");
  const run = await collect(
    spawn("bash", ["-c", script], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        FLEETDROP_URL: stack.url,
        FLEETDROP_DATA_DIR: stack.dataDir,
        FLEETDROP_CLI_BUNDLE: process.env.FLEETDROP_CLI_BUNDLE!,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^204$/m);
  expect(run.stdout).toMatch(/"status":"active"/);
  expect(run.stdout).toMatch(/^same bytes$/m);
  expect(run.stdout).toMatch(/^skip press-01\.bin -> press-01 .*already current/m);
  expect(run.stdout).toMatch(/^plan press-02\.bin -> press-02/m);
  expect(run.stdout).toMatch(/^updated\nunchanged\nRemoved press-02\.$/m);
  expect((await stack.api("GET", "/machines/press-01")).body.file?.filename).toBe("firmware.bin");
});

/**
 * Runs the real `fleetdrop` in a child process, for the CLI's tests: the one-file build made by the
 * vitest global setup (FLEETDROP_CLI_BUNDLE), else the sources through bin/fleetdrop.js.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RunningStack } from "@fleetdrop/testing/harness";

export const sourceBin = fileURLToPath(new URL("../../bin/fleetdrop.js", import.meta.url));
export const bin = process.env.FLEETDROP_CLI_BUNDLE ?? sourceBin;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cliEnv(stack: RunningStack | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ...(stack ? { FLEETDROP_URL: stack.url, FLEETDROP_DATA_DIR: stack.dataDir } : {}),
    ...extra,
  };
}

export function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawnCli(args, env);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

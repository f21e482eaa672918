/**
 * The --exec hook: run after a new file is installed. CMD is split into argv like a shell would
 * split words (quotes and backslashes), but no shell runs it: no variables, globs, pipes or `;`.
 * A user who wants a shell writes one: `--exec 'sh -c "..."'`.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { split } from "shlex";
import { UsageError } from "../errors.ts";
import { TailBuffer } from "./tail.ts";

export interface HookResult {
  exitCode: number;
  /** The last 2 KB of its stderr (UTF-8), or why it could not run. */
  stderrTail: string;
}

export interface HookEnv {
  file: string;
  sha256: string;
  uploadId: string;
}

export function parseCommand(command: string): string[] {
  let argv: string[];
  try {
    argv = split(command);
  } catch (error) {
    throw new UsageError(`--exec: ${(error as Error).message}`);
  }
  if (argv.length === 0) throw new UsageError("--exec needs a command.");
  return argv;
}

export function runHook(argv: string[], env: HookEnv): Promise<HookResult> {
  const stderr = new TailBuffer();
  const child = spawn(argv[0]!, argv.slice(1), {
    stdio: ["ignore", "inherit", "pipe"],
    env: { ...process.env, FLEETDROP_FILE: env.file, FLEETDROP_SHA256: env.sha256, FLEETDROP_UPLOAD_ID: env.uploadId },
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr.push(chunk);
    process.stderr.write(chunk); // the hook's errors stay visible in the journal as well
  });
  return new Promise((resolve) => {
    child.once("error", (error) =>
      resolve({ exitCode: 127, stderrTail: `could not run ${argv[0]}: ${error.message}` }),
    );
    child.once("close", (code, signal) =>
      // A hook killed by a signal reports 128 + its number, as shells do.
      resolve({ exitCode: code ?? 128 + signalNumber(signal), stderrTail: stderr.text() }),
    );
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return (signal && constants.signals[signal]) || 0;
}

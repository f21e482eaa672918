/**
 * Runs a command to completion and reports its wall time and peak resident memory. The peak comes
 * from the kernel's accounting at exit (GNU time's %M, i.e. wait4's ru_maxrss), so even a process
 * of 50 ms is measured exactly; sampling /proc would miss its end.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Measurement {
  seconds: number;
  peakRssMiB: number;
  stdout: string;
}

export async function measure(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Measurement> {
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-measure-"));
  const report = join(dir, "rusage");
  try {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "%M", "-o", report, command, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr}`);
    const kib = Number((await readFile(report, "utf8")).trim().split("\n").at(-1));
    return { seconds, peakRssMiB: kib / 1024, stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Flushes dirty pages so one run's writeback does not land in the next run's time. */
export function sync(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("sync", { stdio: "ignore" });
    child.once("error", reject);
    child.once("close", () => resolve());
  });
}

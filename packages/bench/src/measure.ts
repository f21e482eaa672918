/** Runs a command to completion, timing it and sampling its peak resident memory (Linux VmHWM). */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";

export interface Measurement {
  seconds: number;
  peakRssMiB: number | null;
  stdout: string;
}

export async function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  let peakKiB: number | null = null;
  const sample = async () => {
    const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(() => "");
    const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    if (kib) peakKiB = Math.max(peakKiB ?? 0, kib);
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakRssMiB: peakKiB === null ? null : peakKiB / 1024, stdout };
}

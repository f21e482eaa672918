/** A byte progress bar with rate and ETA on a terminal (stderr); nothing at all otherwise. */
import cliProgress from "cli-progress";
import { bytes } from "./format.ts";

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

export function progressBar(label: string, total: number, enabled = Boolean(process.stderr.isTTY)): Progress {
  if (!enabled) return silent;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {doneHuman} / {totalHuman} | {rate} | ETA {eta_formatted}`,
      barsize: 24,
      hideCursor: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (done: number) => {
    const elapsed = Math.max(1, Date.now() - started) / 1000;
    return { doneHuman: bytes(done), totalHuman: bytes(total), rate: `${bytes(done / elapsed)}/s` };
  };
  bar.start(total, 0, payload(0));
  return {
    update: (done) => bar.update(done, payload(done)),
    stop: () => bar.stop(),
  };
}

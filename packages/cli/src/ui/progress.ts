/**
 * Progress on a terminal (stderr): a byte bar with rate and ETA, and a spinner with elapsed time.
 * Nothing at all when stderr is not a terminal. Plain ASCII and no escape sequences when
 * TERM=dumb or NO_COLOR is set. A finished bar ends its line, and a spinner erases its own, so
 * what is printed next never lands on the bar's line.
 */
import { bytes } from "./format.ts";

export interface Progress {
  update(done: number): void;
  /** A line on stdout, above the bar (which is drawn again below it). */
  print(line: string): void;
  stop(): void;
}

export interface Spinner {
  stop(): void;
}

interface Line {
  draw(text: string): void;
  end(): void;
  erase(): void;
}

export function plainTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TERM === "dumb" || env.NO_COLOR !== undefined;
}

function terminalLine(stream: NodeJS.WriteStream, plain: boolean): Line {
  let width = 0;
  return {
    draw(text) {
      // A dumb terminal has no "erase to end of line": pad over what the last frame left.
      stream.write(plain ? `\r${text.padEnd(width)}` : `\r${text}\x1b[K`);
      width = text.length;
    },
    end: () => stream.write("\n"),
    erase: () => stream.write(plain ? `\r${" ".repeat(width)}\r` : "\r\x1b[K"),
  };
}

const silentProgress: Progress = {
  update: () => undefined,
  print: (text) => process.stdout.write(`${text}\n`),
  stop: () => undefined,
};

export function progressBar(label: string, total: number, enabled = Boolean(process.stderr.isTTY)): Progress {
  if (!enabled) return silentProgress;
  const plain = plainTerminal();
  const line = terminalLine(process.stderr, plain);
  const started = Date.now();
  let done = 0;
  let drawnAt = 0;
  const render = () => {
    const elapsed = Math.max(1, Date.now() - started) / 1000;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * 24);
    const [full, empty] = plain ? ["#", "-"] : ["█", "░"];
    const rate = done / elapsed;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    line.draw(
      `${label} [${full.repeat(filled)}${empty.repeat(24 - filled)}] ${Math.floor(ratio * 100)}% | ` +
        `${bytes(done)} / ${bytes(total)} | ${bytes(rate)}/s | ETA ${eta}s`,
    );
    drawnAt = Date.now();
  };
  render();
  let stopped = false;
  return {
    update(value) {
      done = value;
      if (Date.now() - drawnAt >= 100) render();
    },
    print(text) {
      if (stopped) return void process.stdout.write(`${text}\n`);
      line.erase();
      process.stdout.write(`${text}\n`);
      render();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      render();
      line.end();
    },
  };
}

export function spinner(label: string, enabled = Boolean(process.stderr.isTTY)): Spinner {
  if (!enabled) return { stop: () => undefined };
  const plain = plainTerminal();
  const line = terminalLine(process.stderr, plain);
  const frames = plain ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
  const started = Date.now();
  let frame = 0;
  const render = () =>
    line.draw(`${frames[frame++ % frames.length]} ${label} ${Math.floor((Date.now() - started) / 1000)}s`);
  render();
  const timer = setInterval(render, 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      line.erase();
    },
  };
}

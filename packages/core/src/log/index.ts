/**
 * Structured JSON logs, one line per entry, on stdout (CloudWatch on Lambda, the terminal locally).
 * Callers attach per-request keys (machineId, uploadId) with `child`. Never pass tokens or presigned
 * URLs in fields: they are secrets.
 */
import { tunables } from "../config/tunables.ts";
import type { Tunables } from "../tunables/index.ts";

type Threshold = Tunables["LOG_LEVEL"];
type Level = Exclude<Threshold, "silent">;
type Fields = Record<string, unknown>;

const levels: Record<Threshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

// From the tunables alone: logging works before and without resource links.
const threshold = levels[tunables.LOG_LEVEL];

function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return { name: value.name, message: value.message, stack: value.stack };
}

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export function createLogger(base: Fields = {}): Logger {
  const write = (level: Level, message: string, fields: Fields = {}) => {
    if (levels[level] < threshold) return;
    const entry: Fields = { level, time: new Date().toISOString(), message, ...base };
    for (const [key, value] of Object.entries(fields)) entry[key] = serializeError(value);
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

export const log = createLogger({ service: "fleetdrop" });

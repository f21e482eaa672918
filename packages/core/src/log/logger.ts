/**
 * Structured JSON logs, one line per entry, on stdout (CloudWatch on Lambda, the terminal locally).
 * Every line carries the function's name, the cold-start flag and the fields of the current
 * request or invocation (./context.ts: its request id); callers add their own (machineId, uploadId)
 * per call or with `child`. Never pass tokens or presigned URLs in fields: they are secrets.
 */
import { functionName } from "../config/runtime.ts";
import { tunables } from "../config/tunables.ts";
import type { Tunables } from "../tunables/index.ts";
import { type Fields, isColdStart, logContext } from "./context.ts";

type Threshold = Tunables["LOG_LEVEL"];
type Level = Exclude<Threshold, "silent">;

const levels: Record<Threshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

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

export interface LoggerOptions {
  /** The lowest level written; LOG_LEVEL from the tunables by default. */
  level?: Threshold;
  /** Where a line goes (with its newline); stdout by default. */
  write?: (line: string) => void;
}

export function createLogger(base: Fields = {}, options: LoggerOptions = {}): Logger {
  // From the tunables alone: logging works before and without resource links.
  const threshold = levels[options.level ?? tunables.LOG_LEVEL];
  const output = options.write ?? ((line: string) => process.stdout.write(line));
  const write = (level: Level, message: string, fields: Fields = {}) => {
    if (levels[level] < threshold) return;
    const entry: Fields = {
      level,
      time: new Date().toISOString(),
      message,
      functionName,
      coldStart: isColdStart(),
      ...base,
      ...logContext(),
    };
    for (const [key, value] of Object.entries(fields)) entry[key] = serializeError(value);
    output(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (fields) => createLogger({ ...base, ...fields }, options),
  };
}

export const log = createLogger({ service: "fleetdrop" });

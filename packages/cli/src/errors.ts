/** CLI failures carry their exit code: 1 for a failed operation, 2 for a usage error. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

/** An error answer of the Fleetdrop API: `{"error":{"code","message"}}`. */
export class ApiError extends CliError {
  readonly status: number;
  readonly code: string;

  /** `context` says where the answer came from (URL, token source), for the person reading it. */
  constructor(status: number, code: string, message: string, context = "") {
    super(`${message} (${status} ${code})${context ? ` ${context}` : ""}`);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** Turns low-level network failures into one sentence naming the host. */
export function describeNetworkError(error: unknown, target: string): string {
  const cause = (error as { cause?: { code?: string } })?.cause ?? (error as { code?: string });
  const code = cause?.code;
  if (code === "ECONNREFUSED") return `Cannot reach ${target}: connection refused. Is it running?`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `Cannot reach ${target}: host not found.`;
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return `Cannot reach ${target}: timed out.`;
  if (code === "ECONNRESET" || code === "EPIPE") return `The connection to ${target} was reset.`;
  return `Request to ${target} failed: ${(error as Error)?.message ?? String(error)}`;
}

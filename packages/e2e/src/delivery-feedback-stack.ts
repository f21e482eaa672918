/**
 * The local stack of the delivery-feedback tests: lastSeenAt at full resolution and a short
 * staleness; machines with an active file, and the machine's report call. Each test file that
 * calls `setUpFeedbackStack` starts its own stack before its tests and stops it after them.
 */
import { randomBytes } from "node:crypto";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect } from "vitest";

export const staleAfterSeconds = 3;
/** Set by `setUpFeedbackStack` before the file's tests run (a live binding). */
export let stack: RunningStack;

export function setUpFeedbackStack(): void {
  beforeAll(async () => {
    stack = await startStack({
      env: { LAST_SEEN_RESOLUTION_SECONDS: "0", STALE_AFTER_SECONDS: String(staleAfterSeconds) },
    });
  });
  afterAll(() => stack?.stop());
}

let counter = 0;
export async function machineWithFile(prefix = "dlv") {
  const machineId = `${prefix}-${++counter}-${randomBytes(3).toString("hex")}`;
  const token = await stack.registerMachine(machineId);
  const content = randomBytes(2000);
  const { upload } = await stack.upload(machineId, content);
  expect(upload.status).toBe("active");
  return { machineId, token, content, uploadId: upload.uploadId };
}

export const machine = async (machineId: string) => (await stack.api("GET", `/machines/${machineId}`)).body;

export function report(token: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${stack.url}/reports`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Polls `read` until `done` holds, or fails naming `what` at the deadline. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

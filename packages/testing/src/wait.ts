/**
 * Test support: the one way a test waits. Every wait has a deadline and says what it waited for,
 * so a stuck condition fails fast with a reason instead of running into the global test timeout.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface WaitOptions {
  /** How long to keep trying; 20 s unless told. */
  timeoutMs?: number;
  /** Pause between tries. */
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns something other than undefined, null or false, and returns that.
 * After `timeoutMs` it throws "timed out after N ms waiting for <description>", with the last value
 * seen or the last error thrown.
 */
export async function waitFor<T>(
  description: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let last = "nothing yet";
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      last = `last result: ${String(value)}`;
    } catch (error) {
      last = `last error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description} (${last})`);
    await sleep(intervalMs);
  }
}

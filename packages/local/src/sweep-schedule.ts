/**
 * Runs the sweeper locally: one sweep at a time, on a timer and on request. A requested sweep
 * (/_local/sweep) waits for a running one and then runs afresh, so it sees everything that happened
 * before the request; a timer tick during a sweep is skipped. A failed sweep is the requester's
 * error (or, from the timer, a log line): it never escapes as an unhandled rejection.
 */
export interface SweepSchedule {
  /** Runs a sweep now (after any running one) and returns its report; rejects if it fails. */
  sweep(): Promise<unknown>;
  /** Runs a sweep now unless one is running; a failure is logged. */
  tick(): void;
  /** Settles when no sweep is running. */
  idle(): Promise<void>;
}

export function createSweepSchedule(run: () => Promise<unknown>, logFailure: (error: unknown) => void): SweepSchedule {
  // The running sweep, as a promise that never rejects: waiting on it cannot produce an unhandled rejection.
  let running: Promise<void> | undefined;

  const sweep = async () => {
    while (running) await running;
    const result = Promise.resolve().then(run);
    running = result.then(
      () => undefined,
      () => undefined,
    );
    const settled = running;
    void settled.then(() => {
      if (running === settled) running = undefined;
    });
    return result;
  };

  return {
    sweep,
    tick() {
      if (running) return;
      sweep().catch((error: unknown) => {
        try {
          logFailure(error);
        } catch {
          // a logger that throws must not turn a failed sweep into a crash
        }
      });
    },
    idle: async () => {
      while (running) await running;
    },
  };
}

import { expect, test } from "vitest";
import { createSweepSchedule } from "./sweep-schedule.ts";

/** Collects unhandled rejections while `body` runs and a macrotask after it (when Node reports them). */
async function unhandledRejectionsDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const record = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", record);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    process.off("unhandledRejection", record);
  }
  return seen;
}

test("a failing sweep from the timer is logged and leaves nothing unhandled", async () => {
  const logged: unknown[] = [];
  const failure = new Error("HEAD failed for files/m1/x.bin");
  const schedule = createSweepSchedule(
    async () => {
      throw failure;
    },
    (error) => logged.push(error),
  );
  const unhandled = await unhandledRejectionsDuring(async () => {
    schedule.tick();
    await schedule.idle();
  });
  expect(unhandled).toEqual([]);
  expect(logged).toEqual([failure]);
});

test("a failing requested sweep rejects for its requester only, and the next sweep runs", async () => {
  let runs = 0;
  const schedule = createSweepSchedule(
    async () => {
      runs++;
      if (runs === 1) throw new Error("first sweep fails");
      return { processed: runs };
    },
    () => undefined,
  );
  const unhandled = await unhandledRejectionsDuring(async () => {
    await expect(schedule.sweep()).rejects.toThrow("first sweep fails");
    await expect(schedule.sweep()).resolves.toEqual({ processed: 2 });
  });
  expect(unhandled).toEqual([]);
});

test("a logger that throws does not turn a failed sweep into a crash", async () => {
  const schedule = createSweepSchedule(
    async () => {
      throw new Error("sweep failed");
    },
    () => {
      throw new Error("logger failed");
    },
  );
  const unhandled = await unhandledRejectionsDuring(async () => {
    schedule.tick();
    await schedule.idle();
  });
  expect(unhandled).toEqual([]);
});

test("requested sweeps run one at a time, each after the one running when it was asked for", async () => {
  const order: string[] = [];
  let release: () => void = () => undefined;
  let calls = 0;
  const schedule = createSweepSchedule(
    async () => {
      const n = ++calls;
      order.push(`start ${n}`);
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      order.push(`end ${n}`);
    },
    () => undefined,
  );
  const first = schedule.sweep();
  const second = schedule.sweep();
  schedule.tick(); // skipped: a sweep is running
  await new Promise((resolve) => setImmediate(resolve));
  release();
  await Promise.all([first, second]);
  expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
});

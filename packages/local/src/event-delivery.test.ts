import type { S3Event } from "aws-lambda";
import { expect, test } from "vitest";
import { createEventDelivery } from "./event-delivery.ts";

const event = (key: string) => ({ Records: [{ s3: { object: { key } } }] }) as unknown as S3Event;

test("a failing delivery is retried after each configured delay, then given up", async () => {
  const attempts: string[] = [];
  const delivery = createEventDelivery(
    async (e) => {
      attempts.push(e.Records[0]!.s3.object.key);
      throw new Error("handler failed");
    },
    [5, 5],
  );
  delivery.deliver(event("a"));
  await delivery.idle();
  expect(attempts).toEqual(["a", "a", "a"]);
});

test("a delivery that succeeds on retry stops retrying", async () => {
  let calls = 0;
  const delivery = createEventDelivery(async () => {
    calls++;
    if (calls === 1) throw new Error("transient");
  }, [5, 5]);
  delivery.deliver(event("b"));
  await delivery.idle();
  expect(calls).toBe(2);
  expect(delivery.delivered()).toHaveLength(1);
});

test("deliveries are asynchronous: deliver() returns before the handler runs", async () => {
  let ran = false;
  const delivery = createEventDelivery(async () => {
    ran = true;
  }, []);
  delivery.deliver(event("c"));
  expect(ran).toBe(false);
  await delivery.idle();
  expect(ran).toBe(true);
});

test("a delivery whose failure cannot even be logged settles without an unhandled rejection", async () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", record);
  const logLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "error"; // the logger must actually try to serialise the error
  try {
    // An error the logger cannot serialise: reading its stack throws.
    const hostile = new Error("handler failed");
    Object.defineProperty(hostile, "stack", {
      get() {
        throw new Error("stack unavailable");
      },
    });
    const delivery = createEventDelivery(async () => {
      throw hostile;
    }, []);
    delivery.deliver(event("d"));
    await delivery.idle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(delivery.delivered()).toHaveLength(1);
  } finally {
    process.off("unhandledRejection", record);
    process.env.LOG_LEVEL = logLevel;
  }
});

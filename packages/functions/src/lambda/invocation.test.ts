import type { Context } from "aws-lambda";
import { afterEach, expect, test, vi } from "vitest";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Loads fresh modules (so the process is "cold" again) with logs at info level, captured. */
async function freshCapture() {
  vi.stubEnv("LOG_LEVEL", "info");
  vi.resetModules();
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    for (const text of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(text));
    return true;
  });
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const lambdaContext = (awsRequestId: string) => ({ awsRequestId, functionName: "fleetdrop-test" }) as Context;

test("every line of an invocation carries its request id; only the first invocation is a cold start", async () => {
  const lines = await freshCapture();
  const { invocation } = await import("./invocation.ts");
  const { log } = await import("@fleetdrop/core/log");
  const handler = invocation(async (event: { n: number }) => {
    log.info("working", { n: event.n });
    await new Promise((resolve) => setTimeout(resolve, 1));
    log.info("done", { n: event.n });
    return event.n * 2;
  });

  await expect(handler({ n: 1 }, lambdaContext("req-1"))).resolves.toBe(2);
  await Promise.all([handler({ n: 2 }, lambdaContext("req-2")), handler({ n: 3 }, lambdaContext("req-3"))]);
  await handler({ n: 4 });

  const byN = (n: number) => lines.filter((line) => line.n === n);
  expect(byN(1).map((line) => [line.requestId, line.coldStart])).toEqual([
    ["req-1", true],
    ["req-1", true],
  ]);
  for (const n of [2, 3])
    expect(byN(n).map((line) => [line.requestId, line.coldStart])).toEqual([
      [`req-${n}`, false],
      [`req-${n}`, false],
    ]);
  // Off Lambda (the local stack) each invocation gets an id of its own.
  expect(byN(4)[0]!.requestId).toMatch(uuid);
  expect(byN(4)[1]!.requestId).toBe(byN(4)[0]!.requestId);
  for (const line of lines) expect(line.functionName).toBe("local");
});

test("the object-created entry logs with the invocation's request id", async () => {
  const lines = await freshCapture();
  const { handler } = await import("../object-created.ts");
  const { objectCreatedEvent } = await import("../testing/s3-event.ts");
  await handler(objectCreatedEvent("files/m/x.bin", 1, "someone-elses-bucket"), lambdaContext("req-oc"));
  expect(lines.find((line) => line.message === "ignored an event for another bucket or kind")).toMatchObject({
    level: "warn",
    requestId: "req-oc",
    coldStart: true,
    bucket: "someone-elses-bucket",
  });
});

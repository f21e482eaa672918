import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, test, vi } from "vitest";
import { takeColdStart, withLogContext } from "./context.ts";
import { createLogger } from "./logger.ts";

/** A logger at debug level whose lines land in `lines`, parsed. */
function capture(base = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(base, { level: "debug", write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("log lines", () => {
  test("carry level, time, message, the function's name and the cold-start flag", () => {
    const { logger, lines } = capture({ service: "fleetdrop" });
    logger.info("hello", { machineId: "press-01" });
    expect(lines).toEqual([
      {
        level: "info",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        message: "hello",
        functionName: "local",
        coldStart: true,
        service: "fleetdrop",
        machineId: "press-01",
      },
    ]);
  });

  test("the function's name is Lambda's AWS_LAMBDA_FUNCTION_NAME there", async () => {
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "fleetdrop-prod-ObjectCreated");
    vi.resetModules();
    const fresh = await import("./logger.ts");
    const lines: string[] = [];
    fresh.createLogger({}, { level: "info", write: (line) => lines.push(line) }).warn("on Lambda");
    expect(JSON.parse(lines[0]!)).toMatchObject({ functionName: "fleetdrop-prod-ObjectCreated" });
  });

  test("below the threshold nothing is written; errors become name, message and stack", () => {
    const lines: string[] = [];
    const logger = createLogger({}, { level: "warn", write: (line) => lines.push(line) });
    logger.info("dropped");
    logger.error("failed", { err: new TypeError("bad") });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).err).toMatchObject({ name: "TypeError", message: "bad", stack: expect.any(String) });
  });

  test("child loggers add their fields to every line", () => {
    const { logger, lines } = capture();
    logger.child({ uploadId: "01J" }).info("step", { n: 1 });
    expect(lines[0]).toMatchObject({ uploadId: "01J", n: 1 });
  });
});

describe("the log context", () => {
  test("reaches every line written inside it, across awaits and timers, and none outside", async () => {
    const { logger, lines } = capture();
    await withLogContext({ requestId: "r-1" }, async () => {
      logger.info("before");
      await sleep(5);
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          logger.info("in a timer");
          resolve();
        }, 1),
      );
      withLogContext({ machineId: "press-01" }, () => logger.info("nested"));
    });
    logger.info("outside");
    expect(lines.map((line) => [line.message, line.requestId, line.machineId])).toEqual([
      ["before", "r-1", undefined],
      ["in a timer", "r-1", undefined],
      ["nested", "r-1", "press-01"],
      ["outside", undefined, undefined],
    ]);
  });

  test("concurrent requests keep their own ids", async () => {
    const { logger, lines } = capture();
    const request = (id: string, delays: number[]) =>
      withLogContext({ requestId: id }, async () => {
        for (const delay of delays) {
          await sleep(delay);
          logger.info(id);
        }
      });
    await Promise.all([request("a", [1, 8, 1]), request("b", [4, 1, 6]), request("c", [2, 2, 2])]);
    expect(lines).toHaveLength(9);
    for (const line of lines) expect(line.requestId).toBe(line.message);
  });

  test("the cold-start flag is true until the first invocation takes it, then false", () => {
    const { logger, lines } = capture();
    logger.info("at import");
    expect(takeColdStart()).toBe(true);
    logger.info("after the first invocation began");
    expect(takeColdStart()).toBe(false);
    withLogContext({ coldStart: true }, () => logger.info("inside the first invocation"));
    expect(lines.map((line) => line.coldStart)).toEqual([true, false, true]);
  });
});

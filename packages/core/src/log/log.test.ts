import { afterEach, expect, test, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The logger as loaded with LOG_LEVEL=`level`, and the lines it writes. */
async function loggerAt(level: string) {
  vi.stubEnv("LOG_LEVEL", level);
  vi.resetModules();
  const { createLogger, log } = await import("./index.ts");
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    const text = String(chunk);
    expect(text.endsWith("\n")).toBe(true);
    lines.push(JSON.parse(text));
    return true;
  });
  return { createLogger, log, lines };
}

test("one JSON line per entry, with level, UTC time, message, base and per-call fields", async () => {
  const { createLogger, log, lines } = await loggerAt("debug");
  const logger = createLogger({ service: "test" }).child({ machineId: "m-1" });
  logger.debug("looking", { step: 1 });
  logger.info("found", { uploadId: "u-1" });
  log.warn("careful");
  expect(lines).toEqual([
    {
      level: "debug",
      time: expect.stringMatching(/Z$/),
      message: "looking",
      functionName: "local",
      coldStart: true,
      service: "test",
      machineId: "m-1",
      step: 1,
    },
    {
      level: "info",
      time: expect.stringMatching(/Z$/),
      message: "found",
      functionName: "local",
      coldStart: true,
      service: "test",
      machineId: "m-1",
      uploadId: "u-1",
    },
    {
      level: "warn",
      time: expect.stringMatching(/Z$/),
      message: "careful",
      functionName: "local",
      coldStart: true,
      service: "fleetdrop",
    },
  ]);
  expect(Math.abs(Date.parse(lines[0]!.time as string) - Date.now())).toBeLessThan(5000);
});

test("entries below LOG_LEVEL are dropped; silent drops all", async () => {
  const warn = await loggerAt("warn");
  const logger = warn.createLogger();
  logger.debug("d");
  logger.info("i");
  logger.warn("w");
  logger.error("e");
  expect(warn.lines.map((line) => line.level)).toEqual(["warn", "error"]);

  vi.restoreAllMocks();
  const silent = await loggerAt("silent");
  silent.createLogger().error("e");
  expect(silent.lines).toEqual([]);
});

test("errors in fields are written with name, message and stack", async () => {
  const { createLogger, lines } = await loggerAt("info");
  const error = new TypeError("boom");
  createLogger().error("failed", { err: error, count: 2 });
  expect(lines[0]).toMatchObject({ err: { name: "TypeError", message: "boom", stack: error.stack }, count: 2 });
});

import { describe, expect, test } from "vitest";
import { stageSettings } from "../../../infra/stages.ts";
import { assumptions, estimate, pollsPerLastSeenWrite } from "./model.ts";
import { prices } from "./prices.ts";

const lineOf = (e: ReturnType<typeof estimate>, item: string) => e.lines.find((l) => l.item.startsWith(item))!;

describe("lastSeenAt writes", () => {
  test("a poll writes when the interval reaches the resolution, else every ceil(resolution / interval) polls", () => {
    expect(pollsPerLastSeenWrite(1, 600)).toBe(10);
    expect(pollsPerLastSeenWrite(1, 90)).toBe(2);
    expect(pollsPerLastSeenWrite(5, 3600)).toBe(12);
    expect(pollsPerLastSeenWrite(10, 600)).toBe(1);
    expect(pollsPerLastSeenWrite(1, 0)).toBe(1);
  });
});

describe("estimate", () => {
  const fleet = { machines: 150, intervalMinutes: 1, resolutionSeconds: 60, downloadsPerMonth: 150 };

  test("150 machines every minute are 6.48 M polls; each 304 reads once, the 302s write once", () => {
    const e = estimate(fleet);
    expect(e.polls).toBe(6_480_000);
    const notModified = 6_480_000 - 150;
    expect(lineOf(e, "DynamoDB writes").quantity).toBe(notModified + 150 + 150 * assumptions.writesPerUpload);
    const sweepReads = assumptions.sweepsPerMonth * 0.5 * Math.ceil(150 / 4);
    expect(lineOf(e, "DynamoDB reads").quantity).toBe(notModified + 150 * assumptions.readsPerUpload + sweepReads);
  });

  test("a coarser resolution divides the 304s' writes", () => {
    const every = lineOf(estimate(fleet), "DynamoDB writes").quantity;
    const tenth = lineOf(estimate({ ...fleet, resolutionSeconds: 600 }), "DynamoDB writes").quantity;
    expect(every - tenth).toBeCloseTo(((6_480_000 - 150) * 9) / 10, 6);
  });

  test("free allowances cover their part only, and the total without them is the plain product", () => {
    const e = estimate(fleet);
    const requests = lineOf(e, "Lambda requests");
    expect(requests.free).toBe(1e6);
    expect(requests.dollars).toBeCloseTo((requests.quantity - 1e6) * prices.lambdaRequest, 9);
    expect(e.totalWithoutFree).toBeCloseTo(
      e.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0),
      9,
    );
    expect(e.totalWithoutFree).toBeGreaterThan(e.total);
  });

  test("the HTTP API's price is what the Function URL saves", () => {
    const e = estimate(fleet);
    expect(lineOf(e, "API front").dollars).toBe(0);
    expect(e.httpApiExtra).toBeCloseTo(lineOf(e, "API front").quantity / 1e6, 9);
  });

  test("the production resolution keeps 150 machines polling every minute at or under $3 a month", () => {
    const resolutionSeconds = Number(stageSettings("production").tunables.LAST_SEEN_RESOLUTION_SECONDS);
    expect(resolutionSeconds).toBeGreaterThan(0);
    expect(estimate({ ...fleet, resolutionSeconds }).total).toBeLessThanOrEqual(3);
    expect(estimate(fleet).total).toBeGreaterThan(3);
  });

  test("refuses a fleet that cannot exist", () => {
    expect(() => estimate({ ...fleet, machines: 0 })).toThrow(RangeError);
    expect(() => estimate({ ...fleet, intervalMinutes: -1 })).toThrow(RangeError);
  });
});

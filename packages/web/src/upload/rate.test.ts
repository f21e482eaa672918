import { describe, expect, it } from "vitest";
import { RateMeter } from "./rate.ts";

describe("RateMeter", () => {
  it("has no rate and no ETA before bytes move", () => {
    const meter = new RateMeter();
    meter.add(0, 0);
    expect(meter.rate()).toBe(0);
    expect(meter.eta(100)).toBe(Number.POSITIVE_INFINITY);
  });

  it("measures over the recent window and predicts the rest at that rate", () => {
    const meter = new RateMeter(3000);
    // 1 MB/s for 5 s, then 4 MB/s for 3 s: the window sees only the faster part.
    for (let t = 0; t <= 5000; t += 500) meter.add(t, t * 1000);
    for (let t = 5500; t <= 8000; t += 500) meter.add(t, 5_000_000 + (t - 5000) * 4000);
    expect(meter.rate()).toBeCloseTo(4_000_000, -3);
    expect(meter.eta(21_000_000)).toBeCloseTo(1, 1);
  });
});

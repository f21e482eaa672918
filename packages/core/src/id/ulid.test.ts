import { describe, expect, test } from "vitest";
import { after, generate, increment, pattern } from "./ulid.ts";

/** The millisecond time in an id's first 10 characters, decoded independently of the encoder. */
function timeOf(id: string): number {
  let ms = 0;
  for (const char of id.slice(0, 10)) ms = ms * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(char);
  return ms;
}

describe("ulid", () => {
  test("encodes the time so ids sort in issue order", () => {
    const early = generate(1_700_000_000_000);
    const late = generate(1_700_000_000_001);
    expect(early).toMatch(pattern);
    expect(early < late).toBe(true);
    expect(timeOf(early)).toBe(1_700_000_000_000);
  });

  test("increment carries across digits", () => {
    expect(increment("0000000000000000000000000Z")).toBe("00000000000000000000000010");
    expect(increment("0000000000000000000000000A")).toBe("0000000000000000000000000B");
    expect(() => increment("ZZ")).toThrow(/overflow/);
  });

  test("after() is strictly greater than the previous id even when the clock goes back", () => {
    const previous = generate(2_000_000_000_000);
    const next = after(previous, 1_000_000_000_000);
    expect(next > previous).toBe(true);
    expect(next).toMatch(pattern);
  });

  test("after() uses the current time when it is later", () => {
    const previous = generate(1_000_000_000_000);
    expect(timeOf(after(previous, 1_500_000_000_000))).toBe(1_500_000_000_000);
    expect(timeOf(after(undefined, 1_500_000_000_000))).toBe(1_500_000_000_000);
  });

  test("many ids in one millisecond stay strictly ordered", () => {
    let last: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const next = after(last, 1_600_000_000_000);
      if (last !== undefined) expect(next > last).toBe(true);
      last = next;
    }
  });
});

import { describe, expect, test } from "vitest";
import { generate, pattern } from "./ulid.ts";

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
});

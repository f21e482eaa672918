import { expect, test } from "vitest";
import { retryDelayMs } from "./drain.ts";
import { sign } from "./signature.ts";

test("the signature is the hex HMAC-SHA256 of the raw body (the well-known test vector)", () => {
  expect(sign("The quick brown fox jumps over the lazy dog", "key")).toBe(
    "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
  );
});

test("retries back off exponentially from 1 s, capped at 5 minutes", () => {
  expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000]);
  expect(retryDelayMs(20)).toBe(5 * 60_000);
});

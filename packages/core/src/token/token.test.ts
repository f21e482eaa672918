import { expect, test } from "vitest";
import { fromAuthorizationHeader, generateMachineToken, hash, matchesHash } from "./token.ts";

test("machine tokens carry at least 128 random bits and differ every time", () => {
  const tokens = new Set(Array.from({ length: 100 }, generateMachineToken));
  expect(tokens.size).toBe(100);
  for (const token of tokens) expect(Buffer.from(token.slice(4), "base64url").length).toBeGreaterThanOrEqual(16);
});

test("a token matches its hash and nothing else", () => {
  const token = generateMachineToken();
  const stored = hash(token);
  expect(stored).not.toContain(token);
  expect(matchesHash(token, stored)).toBe(true);
  expect(matchesHash(generateMachineToken(), stored)).toBe(false);
  expect(matchesHash(token, "not-a-hash")).toBe(false);
});

test("bearer header parsing", () => {
  expect(fromAuthorizationHeader("Bearer abc")).toBe("abc");
  expect(fromAuthorizationHeader("bearer abc")).toBe("abc");
  expect(fromAuthorizationHeader("Basic abc")).toBeUndefined();
  expect(fromAuthorizationHeader("Bearer")).toBeUndefined();
  expect(fromAuthorizationHeader("Bearer a b")).toBeUndefined();
  expect(fromAuthorizationHeader(undefined)).toBeUndefined();
});

import { expect, test } from "vitest";
import {
  fromAuthorizationHeader,
  fromMachineHeaders,
  generateAdminToken,
  generateMachineToken,
  hash,
  matchesHash,
} from "./token.ts";

test("machine tokens carry at least 128 random bits and differ every time", () => {
  const tokens = new Set(Array.from({ length: 100 }, generateMachineToken));
  expect(tokens.size).toBe(100);
  for (const token of tokens) expect(Buffer.from(token.slice(4), "base64url").length).toBeGreaterThanOrEqual(16);
});

test("machine and admin tokens are told apart by their prefix and carry 256 random bits", () => {
  for (const [generate, prefix] of [
    [generateMachineToken, "fdm_"],
    [generateAdminToken, "fda_"],
  ] as const) {
    const tokens = new Set(Array.from({ length: 20 }, generate));
    expect(tokens.size).toBe(20);
    for (const token of tokens) {
      expect(token.startsWith(prefix)).toBe(true);
      expect(Buffer.from(token.slice(4), "base64url")).toHaveLength(32);
    }
  }
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
  expect(fromAuthorizationHeader("Bearer   abc")).toBe("abc");
  expect(fromAuthorizationHeader("Bearer abc \t")).toBe("abc");
  expect(fromAuthorizationHeader("NotBearer abc")).toBeUndefined();
  expect(fromAuthorizationHeader("X Bearer abc")).toBeUndefined();
  expect(fromAuthorizationHeader(undefined)).toBeUndefined();
});

test("a machine token comes from Authorization, X-Fleetdrop-Token, or both when they agree", () => {
  expect(fromMachineHeaders({ authorization: "Bearer abc" })).toBe("abc");
  expect(fromMachineHeaders({ fleetdropToken: "abc" })).toBe("abc");
  expect(fromMachineHeaders({ fleetdropToken: " abc " })).toBe("abc");
  expect(fromMachineHeaders({ authorization: "Bearer abc", fleetdropToken: "abc" })).toBe("abc");
  expect(fromMachineHeaders({ authorization: null, fleetdropToken: "abc" })).toBe("abc");
});

test("no machine token when none is sent, one is malformed, or the two differ", () => {
  expect(fromMachineHeaders({})).toBeUndefined();
  expect(fromMachineHeaders({ authorization: "Bearer abc", fleetdropToken: "abd" })).toBeUndefined();
  expect(fromMachineHeaders({ authorization: "Basic abc", fleetdropToken: "abc" })).toBeUndefined();
  expect(fromMachineHeaders({ authorization: "", fleetdropToken: "abc" })).toBeUndefined();
  expect(fromMachineHeaders({ authorization: "Bearer abc", fleetdropToken: "" })).toBeUndefined();
  expect(fromMachineHeaders({ fleetdropToken: "Bearer abc" })).toBeUndefined();
  // A repeated header arrives joined with ", ".
  expect(fromMachineHeaders({ fleetdropToken: "abc, abc" })).toBeUndefined();
});

import { expect, test } from "vitest";
import { Token } from "../token/index.ts";
import { Machine } from "./index.ts";

const token = Token.generateMachineToken();
const item: Machine.Item = {
  machineId: "press-1",
  label: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  tokenHash: Token.hash(token),
  incarnation: "01JINCARNATION000000000000",
};

test("a machine's own token verifies; no token, an empty one or another never does", () => {
  expect(Machine.verify(item, token)).toBe(true);
  expect(Machine.verify(item, undefined)).toBe(false);
  expect(Machine.verify(item, "")).toBe(false);
  expect(Machine.verify(item, Token.generateMachineToken())).toBe(false);
  expect(Machine.verify({ ...item, tokenHash: Token.hash("") }, undefined)).toBe(false);
});

test("no token opens an unknown machine, not even the one the stand-in record is checked against", () => {
  for (const presented of [token, "", undefined, "no machine has this token"]) {
    expect(Machine.verify(undefined, presented), String(presented)).toBe(false);
  }
});

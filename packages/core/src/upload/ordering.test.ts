import { expect, test } from "vitest";
import { decide } from "./ordering.ts";

test("a machine without a file takes any upload", () => {
  expect(decide(undefined, "01B")).toBe("activate");
});

test("a later-declared upload replaces the current one", () => {
  expect(decide("01A", "01B")).toBe("activate");
});

test("an earlier-declared upload that completes late is superseded", () => {
  expect(decide("01B", "01A")).toBe("superseded");
});

test("the current upload delivered again is recognised", () => {
  expect(decide("01B", "01B")).toBe("already-current");
});

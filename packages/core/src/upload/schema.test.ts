import { expect, test } from "vitest";
import { Declaration, Filename } from "./schema.ts";

test("a filename is a name, not a path", () => {
  for (const name of ["a/b.bin", "a\\b.bin", "/", "\\", ".", ".."]) {
    expect(Filename.safeParse(name).success, name).toBe(false);
  }
  for (const name of ["...", ".hidden", "a..b", "x".repeat(255)]) expect(Filename.parse(name)).toBe(name);
  expect(Filename.safeParse("").success).toBe(false);
  expect(Filename.safeParse("x".repeat(256)).success).toBe(false);
});

test("a declaration needs a positive whole size, a lowercase hex sha256, and may name a content type", () => {
  const valid = { machineId: "m-1", filename: "f.bin", size: 1, sha256: "a".repeat(64) };
  expect(Declaration.parse(valid)).toEqual(valid);
  expect(Declaration.parse({ ...valid, contentType: "text/plain" }).contentType).toBe("text/plain");
  for (const bad of [{ size: 0 }, { size: 1.5 }, { sha256: "A".repeat(64) }, { sha256: "a".repeat(63) }]) {
    expect(Declaration.safeParse({ ...valid, ...bad }).success, JSON.stringify(bad)).toBe(false);
  }
});

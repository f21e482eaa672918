import { expect, test } from "vitest";
import { matchesEntityTag } from "./entity-tag.ts";

const sha = "a".repeat(64);

test("If-None-Match matching", () => {
  expect(matchesEntityTag(`"${sha}"`, sha)).toBe(true);
  expect(matchesEntityTag(`W/"${sha}"`, sha)).toBe(true);
  expect(matchesEntityTag(`"${"b".repeat(64)}", "${sha}"`, sha)).toBe(true);
  expect(matchesEntityTag("*", sha)).toBe(true);
  expect(matchesEntityTag(sha, sha)).toBe(false);
  // Only a leading W/ marks a weak tag; inside the quotes it is part of the value.
  expect(matchesEntityTag(`"W/${sha}"`, sha)).toBe(false);
  expect(matchesEntityTag(`"${"b".repeat(64)}"`, sha)).toBe(false);
  expect(matchesEntityTag(undefined, sha)).toBe(false);
  expect(matchesEntityTag("", sha)).toBe(false);
});

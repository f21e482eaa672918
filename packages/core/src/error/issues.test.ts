import { expect, test } from "vitest";
import * as z from "zod";
import { describe as describeIssues, parse } from "./issues.ts";

const problems = (schema: z.ZodType, value: unknown) => {
  const result = parse(schema, value);
  if (result.success) throw new Error("expected problems");
  return describeIssues(result.error.issues);
};

test("each kind of problem reads as our own sentence", () => {
  const Schema = z.object({
    count: z.coerce.number().int().min(1).max(10),
    name: z.string().min(1).max(3),
    level: z.enum(["info", "warn"]),
    url: z.url().optional(),
    tags: z.array(z.string()).min(2),
  });
  expect(problems(Schema, { count: "abc", name: "", level: "x", url: "nope", tags: [] })).toBe(
    'count: must be a number; name: must not be empty; level: must be one of "info", "warn"; ' +
      "url: must be a URL; tags: must have at least 2 items",
  );
  expect(problems(Schema, { count: "11", name: "long", level: "info", tags: ["a", "b"] })).toBe(
    "count: must be at most 10; name: must be at most 3 characters long",
  );
  expect(problems(Schema, { count: 1.5, name: "a", level: "info", tags: ["a", "b"] })).toBe(
    "count: must be an integer",
  );
  expect(problems(Schema, {})).toMatch(/^count: must be a number; name: is required; level: is required/);
  expect(problems(Schema, "text")).toBe("must be an object");
});

test("a schema's own message wins", () => {
  expect(problems(z.object({ id: z.string().regex(/^a+$/, "must be all a's") }), { id: "b" })).toBe("id: must be all a's");
});

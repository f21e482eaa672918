import { expect, test } from "vitest";
import * as z from "zod";
import { describe as describeIssues, parse, parseAsync } from "./issues.ts";

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
  expect(problems(z.object({ id: z.string().regex(/^a+$/, "must be all a's") }), { id: "b" })).toBe(
    "id: must be all a's",
  );
});

test("bounds, formats, unknown keys and nested fields are worded too", () => {
  const Schema = z.strictObject({
    ratio: z.number().gt(0).lt(1),
    code: z.string().min(2).max(1),
    even: z.number().multipleOf(2),
    email: z.email(),
    flags: z.set(z.string()).max(1),
    flag: z.boolean(),
    list: z.array(z.string()),
    nested: z.object({ inner: z.string() }),
    picked: z.enum(["a", "b"]),
    checked: z.string().refine((value) => value === "ok"),
  });
  expect(
    problems(Schema, {
      ratio: 1,
      code: "a",
      even: 3,
      email: "nope",
      flags: new Set(["x", "y"]),
      flag: "yes",
      list: "a",
      nested: { inner: 5 },
      picked: "c",
      checked: "no",
      extra: 1,
      more: 2,
    }),
  ).toBe(
    [
      "ratio: must be less than 1",
      "code: must be at least 2 characters long",
      "even: must be a multiple of 2",
      "email: is not in the expected format",
      "flags: must have at most 1 items",
      "flag: must be a boolean",
      "list: must be an array",
      "nested.inner: must be a string",
      'picked: must be one of "a", "b"',
      "checked: is not valid",
      "has unknown fields extra, more",
    ].join("; "),
  );
  expect(problems(z.strictObject({}), { extra: 1 })).toBe("has unknown field extra");
  expect(problems(z.object({ ratio: z.number().gt(0) }), { ratio: 0 })).toBe("ratio: must be more than 0");
  expect(problems(z.object({ code: z.string().max(1) }), { code: "ab" })).toBe(
    "code: must be at most 1 character long",
  );
  expect(problems(z.object({ o: z.record(z.string(), z.string()) }), { o: 1 })).toBe("o: must be an object");
});

test('only an empty string is "empty": other lower bounds of 1 are worded as bounds', () => {
  const Schema = z.object({ n: z.number().min(1), list: z.array(z.string()).min(1), text: z.string().min(1) });
  expect(problems(Schema, { n: 0, list: [], text: "" })).toBe(
    "n: must be at least 1; list: must have at least 1 items; text: must not be empty",
  );
});

test("the async parse words problems the same way", async () => {
  const result = await parseAsync(z.object({ size: z.number(), name: z.string() }), { size: "big" });
  expect(result.success).toBe(false);
  expect(describeIssues(result.error!.issues)).toBe("size: must be a number; name: is required");
  const ok = await parseAsync(z.object({ size: z.number() }), { size: 1 });
  expect(ok.data).toEqual({ size: 1 });
});

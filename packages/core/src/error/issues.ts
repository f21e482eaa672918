/**
 * Validation problems in our own words. Every schema parse whose problems reach a person (request
 * validation, configuration, the local stack's settings) goes through `parse`, so a message reads
 * "size: must be a number", never zod's own wording. A message a schema gives itself (a regex's or a
 * refinement's) wins over these.
 */
import * as z from "zod/mini";

type RawIssue = z.core.$ZodRawIssue;

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

function kind(expected: string): string {
  if (expected === "int") return "an integer";
  // "object" reads right by itself ("an object"); a record is an object to the caller too.
  if (expected === "record") return "an object";
  return article(expected);
}

function bound(issue: { origin: string; inclusive?: boolean }, value: number | bigint, word: "least" | "most") {
  const comparison = issue.inclusive === false ? (word === "least" ? "more than" : "less than") : `at ${word}`;
  if (issue.origin === "string") return `must be ${comparison} ${value} character${value === 1 ? "" : "s"} long`;
  if (issue.origin === "array" || issue.origin === "set") return `must have ${comparison} ${value} items`;
  return `must be ${comparison} ${value}`;
}

/** One sentence fragment for one problem (zod's `error` customization). */
export function sentence(issue: RawIssue): string {
  const absent = issue.input === undefined;
  switch (issue.code) {
    case "invalid_type":
      return absent ? "is required" : `must be ${kind(issue.expected)}`;
    case "too_small":
      if (issue.origin === "string" && issue.minimum === 1) return "must not be empty";
      return bound(issue, issue.minimum, "least");
    case "too_big":
      return bound(issue, issue.maximum, "most");
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "invalid_format":
      return issue.format === "url" ? "must be a URL" : "is not in the expected format";
    case "invalid_value":
      if (absent) return "is required";
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "unrecognized_keys":
      return `has unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
    default:
      return "is not valid";
  }
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** "field: problem; other: problem", for every problem found. */
export function describe(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join(".");
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

/** `safeParse` with problems worded by `sentence`; for schemas of zod and of zod/mini alike. */
export function parse<Schema extends z.core.$ZodType>(schema: Schema, value: unknown) {
  return z.safeParse(schema, value, { error: sentence });
}

/** The async form, for validators that may be given async schemas. */
export function parseAsync<Schema extends z.core.$ZodType>(schema: Schema, value: unknown) {
  return z.safeParseAsync(schema, value, { error: sentence });
}

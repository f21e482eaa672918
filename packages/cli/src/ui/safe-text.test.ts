import { expect, test } from "vitest";
import { terminalSafe, terminalSafeJson } from "./safe-text.ts";

const hostile = "Bay\u001b]0;pwned\u0007 1\u009b2J\u007f \u202eevil\u202c \u2066iso\u2069 ok";

test("control characters and bidi overrides are stripped from text shown on a terminal", () => {
  expect(terminalSafe(hostile)).toBe("Bay]0;pwned 12J evil iso ok");
  expect(terminalSafe("plain ümlaut 日本")).toBe("plain ümlaut 日本");
});

test("JSON keeps the same value, with every such character escaped", () => {
  const json = terminalSafeJson({ label: hostile });
  expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  expect(JSON.parse(json)).toEqual({ label: hostile });
});

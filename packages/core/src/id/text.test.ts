import { describe, expect, test } from "vitest";
import { Label } from "../machine/schema.ts";
import { ContentType, Filename } from "../upload/schema.ts";

const refused = ["\u001b]0;owned\u0007", "bell\u0007", "del\u007f", "csi\u009b2J", "nel\u0085", "tab\tin"];
const bidi = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];

describe("labels and filenames refuse terminal and bidi control characters", () => {
  test.each([...refused, ...bidi.map((c) => `evil${c}txt.exe`)])("%j", (text) => {
    expect(Label.safeParse(text).success).toBe(false);
    expect(Filename.safeParse(text).success).toBe(false);
  });

  test("ordinary text, accents and emoji pass", () => {
    for (const text of ["Hall A", "Presse – Halle 3", "日本語.bin", "a😀b"]) {
      expect(Label.parse(text)).toBe(text);
      expect(Filename.parse(text)).toBe(text);
    }
  });

  test("a label is at most 200 characters", () => {
    expect(Label.safeParse("x".repeat(200)).success).toBe(true);
    expect(Label.safeParse("x".repeat(201)).success).toBe(false);
  });
});

describe("contentType", () => {
  test.each([
    "application/octet-stream",
    "text/plain; charset=utf-8",
    'text/plain;charset="utf-8"',
    "application/vnd.example+json; a=1; b=2",
  ])("accepts %j", (type) => {
    expect(ContentType.safeParse(type).success).toBe(true);
  });

  test.each([
    "text/plain; x=€",
    "text/plain; x=\u0007",
    "text/plain\r\nX-Evil: 1",
    "text",
    "text/",
    "/plain",
    "text/plain; =x",
    "text/plain; x",
    "text/plain; x=",
    `text/plain; x=${"a".repeat(250)}`,
    "",
  ])("refuses %j", (type) => {
    expect(ContentType.safeParse(type).success).toBe(false);
  });
});

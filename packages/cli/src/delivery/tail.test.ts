import { expect, test } from "vitest";
import { TailBuffer, utf8Tail } from "./tail.ts";

test("utf8Tail keeps the last bytes and never starts inside a character", () => {
  expect(utf8Tail(Buffer.from("hello"), 10)).toBe("hello");
  expect(utf8Tail(Buffer.from("abcdef"), 3)).toBe("def");
  // "é" is 2 bytes, "€" 3: a 4-byte cut of "aé€" would start inside "é".
  expect(utf8Tail(Buffer.from("aé€"), 4)).toBe("€");
  expect(utf8Tail(Buffer.from("aé€"), 5)).toBe("é€");
  const long = Buffer.from("ü".repeat(3000));
  const tail = utf8Tail(long, 2048);
  expect(Buffer.byteLength(tail)).toBe(2048);
  expect(tail).toBe("ü".repeat(1024));
});

test("invalid bytes decode to U+FFFD and the text still fits the limit", () => {
  const bytes = Buffer.alloc(2048, 0xff); // each becomes a 3-byte U+FFFD
  expect(Buffer.byteLength(utf8Tail(bytes, 2048))).toBeLessThanOrEqual(2048);
});

test("TailBuffer keeps only what the tail needs across many chunks", () => {
  const tail = new TailBuffer(10);
  for (let i = 0; i < 1000; i++) tail.push(Buffer.from(`line ${i}\n`));
  expect(tail.text()).toBe("\nline 999\n".slice(-10));
});

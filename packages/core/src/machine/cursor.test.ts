import { expect, test } from "vitest";
import { InvalidCursorError } from "../error/index.ts";
import * as Cursor from "./cursor.ts";

const startKey = { pk: "machine#press-1", sk: "machine", gsi1pk: "machines", gsi1sk: "press-1" };

test("a cursor carries a start key back unchanged; no start key is no cursor", () => {
  const cursor = Cursor.encode(startKey);
  expect(cursor).toMatch(/^[\w-]+\.[\w-]{22}$/);
  expect(Cursor.decode(cursor!)).toEqual(startKey);
  expect(Cursor.encode(undefined)).toBeNull();
  expect(Cursor.decode(undefined)).toBeUndefined();
});

test("a cursor this API did not issue, or altered in any part, is invalid_cursor", () => {
  const cursor = Cursor.encode(startKey)!;
  const [payload, signature] = cursor.split(".") as [string, string];
  const otherPayload = Buffer.from(JSON.stringify({ ...startKey, gsi1sk: "press-2" })).toString("base64url");
  const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
  const forged = [
    "",
    "garbage",
    payload,
    `${payload}.`,
    `${otherPayload}.${signature}`,
    `${payload}.${flipped}`,
    `${payload}.${signature}A`,
    `${payload}.${signature.slice(0, 10)}`,
    `${cursor}.${signature}`,
  ];
  for (const value of forged) {
    expect(() => Cursor.decode(value), value).toThrow(InvalidCursorError);
  }
});

test("a signed start key that is not all strings is refused too, never passed to DynamoDB", () => {
  const cursor = Cursor.encode({ pk: "machine#press-1", n: 1 })!;
  expect(() => Cursor.decode(cursor)).toThrow(InvalidCursorError);
});

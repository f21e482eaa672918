import { expect, test } from "vitest";
import { filenameOf } from "./content-disposition.ts";

test("reads plain and extended filename parameters", () => {
  expect(filenameOf('attachment; filename="a b.txt"')).toBe("a b.txt");
  expect(filenameOf('attachment; filename="say \\"hi\\".txt"')).toBe('say "hi".txt');
  expect(filenameOf("attachment; filename=\"_.txt\"; filename*=UTF-8''%C3%BC.txt")).toBe("ü.txt");
  expect(filenameOf("inline")).toBeUndefined();
});

import { filenameOf } from "@fleetdrop/testing/content-disposition";
import { expect, test } from "vitest";
import { attachment } from "./content-disposition.ts";

test("plain names give exactly the contract's header", () => {
  expect(attachment("firmware v2.bin")).toBe('attachment; filename="firmware v2.bin"');
});

test("non-ASCII and quoted names round-trip through filename*", () => {
  for (const name of ["résumé final.pdf", "日本語 ファイル.txt", 'say "hi".txt', "back\\slash.txt", "it's (1)*.zip"]) {
    const header = attachment(name);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(filenameOf(header)).toBe(name);
  }
});

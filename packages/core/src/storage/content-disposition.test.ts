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

test("other names keep a readable ASCII fallback, '_' for each character it cannot carry", () => {
  expect(attachment("résumé final.pdf")).toBe(
    `attachment; filename="r_sum_ final.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20final.pdf`,
  );
  expect(attachment('say "hi".txt')).toBe(`attachment; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`);
});

test("filename* percent-encodes what RFC 8187 does not allow bare, which encodeURIComponent leaves", () => {
  const header = attachment("l'été (1)*.txt");
  expect(header).toBe(`attachment; filename="l'_t_ (1)*.txt"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29%2A.txt`);
  expect(filenameOf(header)).toBe("l'été (1)*.txt");
});

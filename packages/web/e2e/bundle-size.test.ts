/** The first load stays within its budget (measured on the build the global setup made). */
import { expect, it } from "vitest";
import { BUDGET_BYTES, measureFirstLoad } from "../scripts/bundle-size.ts";

it("loads at most 150 KB gzipped on first visit: the page, its scripts and styles", async () => {
  const size = await measureFirstLoad();
  expect(size.files.map((f) => f.file)).toEqual(
    expect.arrayContaining([expect.stringMatching(/\.js$/), expect.stringMatching(/\.css$/)]),
  );
  expect(size.firstLoadGzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
});

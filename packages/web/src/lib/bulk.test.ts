import { describe, expect, it } from "vitest";
import { planBulk, runBounded } from "./bulk.ts";

const named = (...names: string[]) => names.map((name) => ({ name }));

describe("planBulk", () => {
  it("matches <machineId>.<ext> and <machineId>, and lists the names no machine has", () => {
    const plan = planBulk(named("press-01.bin", "press-02", "kiosk.4.tar.gz", "nobody.bin"), [
      "press-01",
      "press-02",
      "kiosk.4",
    ]);
    expect(plan.planned.map(({ name, machineId }) => [name, machineId])).toEqual([
      ["press-01.bin", "press-01"],
      ["press-02", "press-02"],
      ["kiosk.4.tar.gz", "kiosk.4"],
    ]);
    expect(plan.unmatched).toEqual([
      { file: { name: "nobody.bin" }, name: "nobody.bin", problem: "no registered machine has this name" },
    ]);
  });

  it("refuses to guess: ambiguous names and two files for one machine are not sent", () => {
    const plan = planBulk(named("a.b.bin", "c.bin", "c.txt"), ["a", "a.b", "c"]);
    expect(plan.planned).toEqual([]);
    expect(plan.unmatched.map(({ name, problem }) => [name, problem])).toEqual([
      ["a.b.bin", "ambiguous: could be a or a.b"],
      ["c.bin", "several files for c: c.bin, c.txt"],
      ["c.txt", "several files for c: c.bin, c.txt"],
    ]);
  });

  it("is case-sensitive, as machine ids are", () => {
    expect(planBulk(named("Press-01.bin"), ["press-01"]).planned).toEqual([]);
  });
});

describe("runBounded", () => {
  it("runs every item with at most `limit` in flight, past failures", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      done.push(item);
      if (item === 2) throw new Error("one upload failed");
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });
});

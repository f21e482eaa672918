import { describe, expect, it } from "vitest";
import { allMachines } from "./paging.ts";
import type { Machine, MachinePage } from "./types.ts";

const machine = (machineId: string): Machine => ({
  machineId,
  label: null,
  createdAt: "",
  file: null,
  lastDownloadAt: null,
  downloadCount: 0,
});

describe("allMachines", () => {
  it("follows nextCursor through every page", async () => {
    const pages: Record<string, MachinePage> = {
      start: { machines: [machine("a"), machine("b")], nextCursor: "c1" },
      c1: { machines: [machine("c")], nextCursor: "c2" },
      c2: { machines: [], nextCursor: null },
    };
    const asked: (string | null)[] = [];
    const machines = await allMachines(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? "start"]!;
    });
    expect(machines.map((m) => m.machineId)).toEqual(["a", "b", "c"]);
    expect(asked).toEqual([null, "c1", "c2"]);
  });

  it("stops on a cursor that repeats instead of looping forever", async () => {
    await expect(allMachines(async () => ({ machines: [machine("a")], nextCursor: "same" }))).rejects.toThrow(
      /same list cursor twice/,
    );
  });
});

import { expect, test } from "vitest";
import { matchFiles } from "./fleet-files.ts";

const machines = new Set(["a", "b.c", "b", "noext", "x.y.z"]);

test("files map to machines by name, extension or not", () => {
  expect(matchFiles(["a.bin", "noext", "x.y.z.tar"], machines)).toEqual([
    { file: "a.bin", machineId: "a" },
    { file: "noext", machineId: "noext" },
    { file: "x.y.z.tar", machineId: "x.y.z" },
  ]);
});

test("names that fit several machines, none, or collide are problems", () => {
  const [ambiguous, unknown] = matchFiles(["b.c.bin", "zzz.bin"], machines);
  expect(ambiguous).toEqual({ file: "b.c.bin", problem: "ambiguous: could be b or b.c" });
  expect(unknown).toEqual({ file: "zzz.bin", problem: "no registered machine has this name" });
  expect(matchFiles(["a.bin", "a.txt"], machines).every((m) => "problem" in m)).toBe(true);
});

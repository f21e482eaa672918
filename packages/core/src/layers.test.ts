/**
 * Core's import graph points only downward. Each folder may import only folders on lower layers,
 * so pure facts never pull in I/O and no two concepts depend on each other. Read from the source
 * text alone (no imports run). Tests are outside the rule: they sit beside the code and may use
 * ../testing.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

/** Lowest first. The first two layers are the pure floor: no I/O, no environment. */
const layers: readonly (readonly string[])[] = [
  ["error", "id", "table", "token", "tunables"],
  ["object-key"],
  ["aws", "config"],
  ["db", "log", "storage"],
  ["machine", "outbox"],
  ["upload"],
  ["download", "fleet", "report"],
  ["sweeper"],
  ["testing"],
];
const pureLayers = 2;
/** What the pure floor may import from outside core. */
const pureDependencies = new Set(["zod", "zod/mini", "node:crypto"]);

const src = import.meta.dirname;

async function sources(): Promise<string[]> {
  const entries = await readdir(src, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
    .map((entry) => relative(src, join(entry.parentPath, entry.name)));
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm)) {
    found.push(specifier!);
  }
  for (const [, specifier] of text.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) found.push(specifier!);
  for (const [, specifier] of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(specifier!);
  return found;
}

const layerOf = (folder: string) => layers.findIndex((layer) => layer.includes(folder));

describe("core's layers", () => {
  test("every folder of core is on exactly one layer", async () => {
    const folders = (await readdir(src, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual(layers.flat().sort());
  });

  test("each folder imports only folders on lower layers, and the floor imports nothing with I/O", async () => {
    const violations: string[] = [];
    for (const file of await sources()) {
      const folder = file.split("/")[0]!;
      const layer = layerOf(folder);
      for (const specifier of importsOf(await readFile(join(src, file), "utf8"))) {
        if (specifier.startsWith(".")) {
          const target = relative(src, join(src, file, "..", specifier)).split("/")[0]!;
          if (target !== folder && !(layerOf(target) < layer)) violations.push(`${file} imports ${target} (upward)`);
        } else if (layer < pureLayers && !pureDependencies.has(specifier)) {
          violations.push(`${file} imports ${specifier} (the pure floor imports nothing with I/O)`);
        } else if (specifier.startsWith("@fleetdrop/")) {
          violations.push(`${file} imports ${specifier} (core imports no other workspace)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  test("the check sees imports of every form", () => {
    const text = [
      'import { a } from "../machine/index.ts";',
      'import type { B } from "../upload/index.ts";',
      'export * from "./schema.ts";',
      "export {\n  c,\n  d,\n} from '../db/index.ts';",
      'const e = await import("../storage/index.ts");',
    ].join("\n");
    expect(importsOf(text)).toEqual([
      "../machine/index.ts",
      "../upload/index.ts",
      "./schema.ts",
      "../db/index.ts",
      "../storage/index.ts",
    ]);
  });
});

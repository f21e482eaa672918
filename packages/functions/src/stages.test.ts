/** The committed per-stage settings (infra/stages.ts) are what deployments get, not the shell's. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Tunables } from "@fleetdrop/core/tunables";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { productionStages, stageSettings, type TunableName } from "../../../infra/stages.ts";

const infra = join(import.meta.dirname, "../../../infra");

describe("stage settings", () => {
  test("production stages are protected, log at info, keep S3's checksum and throttle the API", () => {
    for (const stage of productionStages) {
      const settings = stageSettings(stage);
      expect(settings.production).toBe(true);
      expect(settings.tunables.LOG_LEVEL).toBe("info");
      expect(settings.tunables.S3_POST_CHECKSUM).toBe("on");
      expect(settings.apiReservedConcurrency).toBeGreaterThan(0);
    }
    for (const stage of ["dev", "alice", "pr-12"]) expect(stageSettings(stage).production).toBe(false);
  });

  test("every stage's tunables are valid settings of @fleetdrop/core/tunables", () => {
    for (const stage of [...productionStages, "dev"]) {
      const parsed = z.strictObject(Tunables.shape).safeParse(stageSettings(stage).tunables);
      expect(parsed.error?.issues ?? [], stage).toEqual([]);
    }
  });

  test("sst.config.ts protects exactly the production stages of infra/stages.ts", async () => {
    const config = await readFile(join(infra, "../sst.config.ts"), "utf8");
    const list = /const production = \[([^\]]*)\]\.includes/.exec(config)?.[1];
    expect(list, "the production list in sst.config.ts").toBeDefined();
    expect(JSON.parse(`[${list}]`)).toEqual(productionStages);
    expect(config).toMatch(/protect: production,/);
  });

  test("the infrastructure reads no tunable from the deployer's environment", async () => {
    const tunables = new Set<string>(Object.keys(stageSettings("production").tunables) satisfies string[]);
    const names: TunableName[] = ["LOG_LEVEL", "LAST_SEEN_RESOLUTION_SECONDS", "S3_POST_CHECKSUM"];
    for (const name of names) tunables.add(name);
    for (const file of (await readdir(infra)).filter((f) => f.endsWith(".ts"))) {
      const text = await readFile(join(infra, file), "utf8");
      expect(text, `${file} reads process.env dynamically`).not.toMatch(/process\.env\[/);
      const read = [...text.matchAll(/process\.env\.(\w+)/g)].map((m) => m[1]!);
      expect(
        read.filter((name) => tunables.has(name)),
        `${file} reads tunables from the shell`,
      ).toEqual([]);
    }
  });
});

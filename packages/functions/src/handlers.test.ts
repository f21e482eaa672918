/**
 * The deployment and the code agree: every handler in infra/handlers.ts names an entry file here
 * and a function it exports, every entry file is deployed, and each function starts with only the
 * resources it links. Each function's IAM grant is checked against its calls in iam-grants.test.ts.
 */
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { deployed } from "../../../infra/handlers.ts";

const root = join(import.meta.dirname, "../../..");
const entryDir = join(root, "packages/functions/src");
const functions = Object.values(deployed);
const declaredHandlers = () => functions.map((fn) => fn.handler);

describe("deployed handlers", () => {
  test("each names an existing entry file and a function it exports", async () => {
    const handlers = declaredHandlers();
    expect(handlers.length).toBeGreaterThan(0);
    for (const declared of handlers) {
      const match = /^(packages\/functions\/src\/[\w-]+)\.(\w+)$/.exec(declared);
      expect(match, `${declared} is not "packages/functions/src/<file>.<export>"`).not.toBeNull();
      const [, path, exported] = match!;
      const file = join(root, `${path}.ts`);
      expect((await stat(file)).isFile(), `${file} exists`).toBe(true);
      const module = await import(pathToFileURL(file).href);
      expect(typeof module[exported!], `${declared} exports a function`).toBe("function");
    }
  });

  test("each starts in a fresh process with only the resources it links", async () => {
    for (const { handler: declared, links: linked } of functions) {
      const env = Object.fromEntries(
        Object.entries(process.env).filter(
          ([name]) =>
            !name.startsWith("SST_RESOURCE_") ||
            name === "SST_RESOURCE_App" ||
            (linked as readonly string[]).includes(name.slice("SST_RESOURCE_".length)),
        ),
      );
      const file = pathToFileURL(join(root, `${declared.replace(/\.\w+$/, "")}.ts`)).href;
      const script = `const m = await import(${JSON.stringify(file)}); if (typeof m.${declared.split(".").at(-1)} !== "function") process.exit(3);`;
      await expect(
        promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { env, cwd: root }),
        `${declared} with links [${linked.join(", ")}]`,
      ).resolves.toBeDefined();
    }
  });

  test("every entry file in packages/functions/src is deployed exactly once", async () => {
    const entries = (await readdir(entryDir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
      .map((entry) => relative(root, join(entryDir, entry.name)).replace(/\.ts$/, ""));
    const files = declaredHandlers().map((declared) => declared.replace(/\.\w+$/, ""));
    expect(files.sort()).toEqual(entries.sort());
  });
});

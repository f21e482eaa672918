/**
 * Bundle budget: builds each Lambda entry the way `sst deploy` does for nodejs24.x and measures
 * what loads at cold start and how long a cold import takes.
 *
 * SST's options (pkg/runtime/node/build.go, v4.17): esbuild (Go, v0.27.2), ESM, platform node,
 * target es2024 for nodejs24.x, bundle, minify (whitespace, syntax, identifiers), keepNames, main
 * fields module then main, a createRequire banner, linked sourcemap (the .map is left out of the
 * zip), and the project's `nodejs` options (infra/bundling.ts: code splitting, so the entry is
 * bundle.mjs and chunk-*.mjs beside it). Nothing is external but `sharp` and `pg-native`: the AWS
 * SDK is bundled, not taken from the Lambda runtime.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { nodejsBuild } from "../../../infra/bundling.ts";
import { deployed } from "../../../infra/handlers.ts";

export type FunctionName = keyof typeof deployed;

export interface BundleBuild {
  name: FunctionName;
  /** The entry, bundle.mjs: what Lambda imports. */
  file: string;
  /** Bytes of the entry and of every chunk it imports statically: what a cold start loads. */
  coldBytes: number;
  /** Bytes of every .mjs in the zip, including chunks only imported dynamically. */
  zipBytes: number;
  /** The inputs of the cold-start outputs, with their bytes in those outputs. */
  coldInputs: Array<{ path: string; bytes: number }>;
}

const root = fileURLToPath(new URL("../../..", import.meta.url));

const banner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/** `packages/functions/src/api.handler` → `packages/functions/src/api.ts`. */
const entryOf = (handler: string) => `${handler.replace(/\.\w+$/, "")}.ts`;

export async function buildBundle(name: FunctionName, outDir: string): Promise<BundleBuild> {
  const dir = join(outDir, name);
  const result = await build({
    entryPoints: [join(root, entryOf(deployed[name].handler))],
    ...(nodejsBuild.splitting
      ? { outdir: dir, entryNames: "bundle", outExtension: { ".js": ".mjs" }, splitting: true }
      : { outfile: join(dir, "bundle.mjs") }),
    platform: "node",
    format: "esm",
    target: "es2024",
    bundle: true,
    minify: nodejsBuild.minify,
    keepNames: true,
    mainFields: ["module", "main"],
    external: ["sharp", "pg-native"],
    sourcemap: "linked",
    banner: { js: banner },
    metafile: true,
    logLevel: "silent",
  });
  const file = join(dir, "bundle.mjs");
  const outputs = result.metafile.outputs;
  const cold = staticClosure(
    outputs,
    Object.keys(outputs).find((path) => join(root, path) === file || join(process.cwd(), path) === file)!,
  );
  const js = Object.keys(outputs).filter((path) => path.endsWith(".mjs"));
  const coldInputs = cold.flatMap((path) =>
    Object.entries(outputs[path]!.inputs).map(([input, { bytesInOutput }]) => ({ path: input, bytes: bytesInOutput })),
  );
  return {
    name,
    file,
    coldBytes: cold.reduce((sum, path) => sum + outputs[path]!.bytes, 0),
    zipBytes: (await Promise.all(js.map(async (path) => (await stat(join(process.cwd(), path))).size))).reduce(
      (a, b) => a + b,
      0,
    ),
    coldInputs,
  };
}

/** The output and every output it imports statically, transitively (dynamic imports load later, if ever). */
function staticClosure(outputs: Metafile["outputs"], entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind === "import-statement" && outputs[imported.path]) pending.push(imported.path);
    }
  }
  return [...seen];
}
/** Bytes by npm package (or "(project)" for workspace source), largest first. */
export function bytesByPackage(inputs: BundleBuild["coldInputs"]): Array<{ name: string; bytes: number }> {
  const totals = new Map<string, number>();
  for (const { path, bytes } of inputs) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match ? match[1]! : "(project)";
    totals.set(name, (totals.get(name) ?? 0) + bytes);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
export async function buildAll(outDir: string): Promise<BundleBuild[]> {
  return Promise.all((Object.keys(deployed) as FunctionName[]).map((name) => buildBundle(name, outDir)));
}

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
import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { bundleBudgets, nodejsBuild } from "../../../infra/bundling.ts";
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

/** Dummy links and Lambda's own variables, so the code loads as it does on Lambda; nothing is contacted. */
const lambdaEnv = (name: string) => ({
  SST_RESOURCE_App: JSON.stringify({ name: "fleetdrop", stage: "bench" }),
  SST_RESOURCE_Bucket: JSON.stringify({ name: "fleetdrop-bench" }),
  SST_RESOURCE_Table: JSON.stringify({ name: "fleetdrop-bench" }),
  SST_RESOURCE_AdminToken: JSON.stringify({ value: "bench-admin-token" }),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_LAMBDA_FUNCTION_NAME: `fleetdrop-bench-${name}`,
});

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ out: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ out, ms: performance.now() - started });
      else reject(new Error(`node ${args.join(" ")} exited ${code}: ${err || out}`));
    });
  });
}

/** Milliseconds to import `file` in a fresh Node process (this one's binary: Node 24 under npm). */
export async function importTime(bundle: BundleBuild): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundle.file).href)}); console.log(performance.now() - t);`;
  const { out } = await runNode(["--input-type=module", "-e", script], lambdaEnv(bundle.name));
  const ms = Number(out.trim().split("\n").at(-1));
  if (!Number.isFinite(ms)) throw new Error(`Importing ${bundle.file} printed ${out}`);
  return ms;
}

/** Wall time of `node -e 0`: the machine's baseline, measured between the imports. */
export async function nodeStartTime(): Promise<number> {
  return (await runNode(["-e", "0"], {})).ms;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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

export interface BundleMeasurement {
  name: FunctionName;
  coldKB: number;
  zipKB: number;
  /** Median and range of the import time over the runs. */
  importMs: number;
  importRangeMs: [number, number];
  /** The import time as on a quiet machine: scaled by quietNodeStartMs / this run's `node -e 0`. */
  importMsQuiet: number;
  budget: { kb: number; importMs: number };
  pass: { size: boolean; import: boolean };
}

/**
 * `node -e 0` on this machine when it is quiet (NOTES.md, median). The machine is shared: a busy run
 * slows process start and module loading alike, so the import time is also given scaled by it.
 */
export const quietNodeStartMs = 50;

export async function measureBundles(outDir: string, runs = 7) {
  const builds = await buildAll(outDir);
  const times = new Map<FunctionName, number[]>(builds.map((b) => [b.name, []]));
  const baseline: number[] = [];
  // Interleaved: a burst of load on the machine hits every row, not one.
  for (let run = 0; run < runs; run++) {
    baseline.push(await nodeStartTime());
    for (const bundle of builds) times.get(bundle.name)!.push(await importTime(bundle));
  }
  const baselineMs = median(baseline);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const measurements = builds.map((bundle): BundleMeasurement => {
    const samples = times.get(bundle.name)!;
    const budget = bundleBudgets[bundle.name];
    const importMs = median(samples);
    const importMsQuiet = (importMs * quietNodeStartMs) / baselineMs;
    const coldKB = bundle.coldBytes / 1000;
    return {
      name: bundle.name,
      coldKB: round(coldKB),
      zipKB: round(bundle.zipBytes / 1000),
      importMs: round(importMs),
      importRangeMs: [round(Math.min(...samples)), round(Math.max(...samples))],
      importMsQuiet: round(importMsQuiet),
      budget,
      pass: { size: coldKB <= budget.kb, import: importMsQuiet <= budget.importMs },
    };
  });
  return {
    builds,
    measurements,
    baseline: {
      nodeStartMs: round(baselineMs),
      rangeMs: [round(Math.min(...baseline)), round(Math.max(...baseline))] as [number, number],
    },
  };
}

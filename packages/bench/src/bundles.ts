/**
 * Bundle budget: builds each Lambda entry the way `sst deploy` does for nodejs24.x and measures
 * what ships and how long a cold import takes.
 *
 * SST's options (pkg/runtime/node/build.go, v4.17): esbuild (Go, v0.27.2), ESM, platform node,
 * target es2024 for nodejs24.x, bundle, minify (whitespace, syntax, identifiers), keepNames, main
 * fields module then main, a createRequire banner, linked sourcemap (the .map is left out of the
 * zip). Nothing is external but `sharp` and `pg-native`: the AWS SDK is bundled, not taken from
 * the Lambda runtime.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";

export interface BundleMeasurement {
  name: string;
  /** Size of the bundle that goes into the zip (minified, without its sourcemap). */
  bytes: number;
  /** Median time to import the bundle in a fresh Node process, over `importRuns` runs. */
  importMs: number;
}

export interface BundleBuild {
  name: string;
  file: string;
  bytes: number;
  metafile: Metafile;
}

const root = fileURLToPath(new URL("../../..", import.meta.url));

export const entries = [
  { name: "api", entry: "packages/functions/src/api.ts" },
  { name: "object-created", entry: "packages/functions/src/object-created.ts" },
  { name: "sweeper", entry: "packages/functions/src/sweeper.ts" },
];

const banner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

export async function buildBundle(name: string, entry: string, outDir: string): Promise<BundleBuild> {
  const file = join(outDir, name, "bundle.mjs");
  const result = await build({
    entryPoints: [join(root, entry)],
    outfile: file,
    platform: "node",
    format: "esm",
    target: "es2024",
    bundle: true,
    minify: true,
    keepNames: true,
    mainFields: ["module", "main"],
    external: ["sharp", "pg-native"],
    sourcemap: "linked",
    banner: { js: banner },
    metafile: true,
    logLevel: "silent",
  });
  return { name, file, bytes: (await stat(file)).size, metafile: result.metafile };
}

/** Dummy links, so the config module loads as it does in Lambda; nothing is contacted on import. */
const linkedEnv = {
  SST_RESOURCE_App: JSON.stringify({ name: "fleetdrop", stage: "bench" }),
  SST_RESOURCE_Bucket: JSON.stringify({ name: "fleetdrop-bench" }),
  SST_RESOURCE_Table: JSON.stringify({ name: "fleetdrop-bench" }),
  SST_RESOURCE_AdminToken: JSON.stringify({ value: "bench-admin-token" }),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
};

/** Milliseconds to import `file` in a fresh Node process (this one's binary: Node 24 under npm). */
export function importTime(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: { PATH: process.env.PATH ?? "", ...linkedEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(out.trim().split("\n").at(-1));
      if (code !== 0 || !Number.isFinite(ms)) reject(new Error(`Importing ${file} failed (exit ${code}): ${err || out}`));
      else resolve(ms);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Bytes of a bundle by npm package (or "(project)" for workspace source), largest first. */
export function bytesByPackage(metafile: Metafile): Array<{ name: string; bytes: number }> {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match ? match[1]! : "(project)";
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export async function buildAll(outDir: string): Promise<BundleBuild[]> {
  return Promise.all(entries.map(({ name, entry }) => buildBundle(name, entry, outDir)));
}

export async function measureBundles(options: { importRuns?: number } = {}): Promise<BundleMeasurement[]> {
  const runs = options.importRuns ?? 5;
  const outDir = await mkdtemp(join(tmpdir(), "fleetdrop-bundles-"));
  try {
    const builds = await buildAll(outDir);
    const measurements: BundleMeasurement[] = [];
    for (const bundle of builds) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await importTime(bundle.file));
      measurements.push({ name: bundle.name, bytes: bundle.bytes, importMs: Math.round(median(times) * 10) / 10 });
    }
    return measurements;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * Cold import timing: a built bundle imported in a fresh Node process (this one's binary: Node 24
 * under npm) with Lambda-like environment, and `node -e 0` as the machine's baseline.
 */
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import type { BundleBuild } from "./bundle-build.ts";

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

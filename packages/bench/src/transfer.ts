/**
 * The CLI's targets against baselines measured in the same run, on the real local stack: a 304 poll
 * against `node -e 0`, a verified durable fetch against `curl -o`, an upload against a curl script
 * (sha256sum + declare + POST). Runs alternate CLI and baseline, with `sync` before each, and
 * report medians and ranges. The CLI is the one-file build run by the machine's own Node.
 */

import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { bundleCli } from "../../cli/src/bundle.ts";
import { type Measurement, measure, median, sync } from "./measure.ts";
import { systemNode } from "./system-node.ts";

export interface Series {
  name: string;
  runs: Measurement[];
}

export interface TransferBench {
  node: string;
  sizeMiB: number;
  poll: { cli: Series; nodeBaseline: Series; curl: Series };
  download: { cli: Series; curl: Series };
  upload: { cli: Series; curlScript: Series };
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const chunk = 8 * 1024 * 1024;
  for (let written = 0; written < bytes; written += chunk) {
    if (!out.write(randomBytes(Math.min(chunk, bytes - written))))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

// The baseline upload, as an admin would script it with curl alone (README's walkthrough steps).
const curlUploadScript = `set -euo pipefail
FILE=$1
SHA=$(sha256sum "$FILE" | cut -c1-64)
curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \\
  -d "{\\"machineId\\":\\"bench-1\\",\\"filename\\":\\"payload.bin\\",\\"size\\":$(stat -c %s "$FILE"),\\"sha256\\":\\"$SHA\\"}" \\
  "$FLEETDROP_URL/uploads" > "$WORK/intent.json"
args=(); while IFS=$'\\t' read -r k v; do args+=(--form-string "$k=$v"); done \\
  < <(node -e 'for (const [k,v] of Object.entries(require(process.argv[1]).fields)) console.log(k+"\\t"+v)' "$WORK/intent.json")
curl -fsS -o /dev/null "\${args[@]}" -F "file=@$FILE" "$(node -p 'require(process.argv[1]).url' "$WORK/intent.json")"
node -p 'require(process.argv[1]).uploadId' "$WORK/intent.json"
`;

async function alternate(rounds: number, steps: Array<() => Promise<void>>): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const step of round % 2 ? [...steps].reverse() : steps) {
      await sync();
      await step();
    }
  }
}

export async function benchTransfers(options: {
  sizeMiB: number;
  rounds: number;
  pollRounds: number;
}): Promise<TransferBench> {
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-bench-"));
  const stack: RunningStack = await startStack({ env: { LOG_LEVEL: "warn" } });
  try {
    const node = systemNode();
    const cli = await bundleCli(join(dir, "fleetdrop.mjs"));
    const source = join(dir, "payload.bin");
    await writeRandomFile(source, options.sizeMiB * 1024 * 1024);
    const script = join(dir, "curl-upload.sh");
    await writeFile(script, curlUploadScript);
    const token = await stack.registerMachine("bench-1");
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      FLEETDROP_URL: stack.url,
      FLEETDROP_ADMIN_TOKEN: stack.adminToken,
      FLEETDROP_MACHINE_TOKEN: token,
      ADMIN_TOKEN: stack.adminToken,
      WORK: dir,
    };
    // The server hashes each upload again before activating it: minutes for 1 GiB on a busy host.
    const activated = async (uploadId: string) => {
      const deadline = Date.now() + 300_000;
      for (;;) {
        const { body } = await stack.api("GET", `/uploads/${uploadId.trim()}`);
        if (body.status === "active") return;
        if (body.status !== "pending") throw new Error(`upload ${uploadId} ended ${body.status}: ${body.reason}`);
        if (Date.now() > deadline) throw new Error(`upload ${uploadId} still pending after 300 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    // Uploads: each is activated (the server hashes it again) before the next run starts.
    const upload = {
      cli: { name: "fleetdrop upload --no-wait", runs: [] },
      curlScript: { name: "sha256sum + curl declare + curl POST", runs: [] },
    } as TransferBench["upload"];
    await alternate(options.rounds, [
      async () => {
        const run = await measure(node.path, [cli, "upload", "bench-1", source, "--no-wait", "--json"], env);
        upload.cli.runs.push(run);
        await activated(JSON.parse(run.stdout).uploadId);
      },
      async () => {
        const run = await measure("bash", [script, source], env);
        upload.curlScript.runs.push(run);
        await activated(run.stdout);
      },
    ]);

    // Downloads of the current file, each into a new path (no 304).
    const viaCli = join(dir, "via-cli.bin");
    const viaCurl = join(dir, "via-curl.bin");
    const download = {
      cli: { name: "fleetdrop fetch (verified, durable, atomic)", runs: [] },
      curl: { name: "curl -L -o", runs: [] },
    } as TransferBench["download"];
    await alternate(options.rounds, [
      async () => {
        await rm(viaCli, { force: true });
        await rm(join(dir, ".via-cli.bin.fleetdrop.json"), { force: true });
        download.cli.runs.push(await measure(node.path, [cli, "fetch", "bench-1", "--out", viaCli], env));
      },
      async () => {
        await rm(viaCurl, { force: true });
        const url = `${stack.url}/download?machine_id=bench-1`;
        download.curl.runs.push(
          await measure("curl", ["-fsSL", "-H", `Authorization: Bearer ${token}`, url, "-o", viaCurl], env),
        );
      },
    ]);

    // Polls when nothing changed: via-cli.bin is current, so /download answers 304.
    const sha = (await measure(node.path, [cli, "fetch", "bench-1", "--out", viaCli, "--json"], env)).stdout;
    const current = JSON.parse(sha).sha256 as string;
    const poll = {
      cli: { name: "fleetdrop fetch, unchanged (304)", runs: [] },
      nodeBaseline: { name: "node -e 0", runs: [] },
      curl: { name: "curl with If-None-Match (304)", runs: [] },
    } as TransferBench["poll"];
    await alternate(options.pollRounds, [
      async () => {
        const run = await measure(node.path, [cli, "fetch", "bench-1", "--out", viaCli], env);
        if (run.stdout !== "unchanged\n") throw new Error(`expected a 304 poll, got ${run.stdout}`);
        poll.cli.runs.push(run);
      },
      async () => void poll.nodeBaseline.runs.push(await measure(node.path, ["-e", "0"], env)),
      async () => {
        const url = `${stack.url}/download?machine_id=bench-1`;
        const args = [
          "-fsS",
          "-o",
          "/dev/null",
          "-H",
          `Authorization: Bearer ${token}`,
          "-H",
          `If-None-Match: "${current}"`,
          url,
        ];
        poll.curl.runs.push(await measure("curl", args, env));
      },
    ]);
    return { node: `${node.version} (${node.path})`, sizeMiB: options.sizeMiB, poll, download, upload };
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export const medianSeconds = (series: Series) => median(series.runs.map((run) => run.seconds));
export const medianRss = (series: Series) => median(series.runs.map((run) => run.peakRssMiB));

/**
 * Upload and download of one large file against the real local stack: the fleetdrop CLI against
 * curl, same file, same stack, same run. The CLI's upload includes hashing the file (it must
 * declare the sha256 first); curl posts a policy declared beforehand.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes, createHash } from "node:crypto";
import { startStack, type RunningStack } from "@fleetdrop/testing/harness";
import { measure, type Measurement } from "./measure.ts";

const cli = fileURLToPath(new URL("../../cli/bin/fleetdrop.js", import.meta.url));

export interface TransferRow {
  direction: "upload" | "download";
  cliSeconds: number;
  curlSeconds: number;
  /** CLI throughput relative to curl's: curl time / CLI time (1.0 = as fast as curl). */
  ratio: number;
  cliPeakRssMiB: number | null;
}

async function writeRandomFile(path: string, bytes: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(path);
  const chunk = 8 * 1024 * 1024;
  for (let written = 0; written < bytes; written += chunk) {
    const block = randomBytes(Math.min(chunk, bytes - written));
    hash.update(block);
    if (!out.write(block)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return hash.digest("hex");
}

async function waitActive(stack: RunningStack, uploadId: string) {
  const upload = await stack.waitForStatus(uploadId, (status) => status !== "pending");
  if (upload.status !== "active") throw new Error(`upload ${uploadId} ended ${upload.status}: ${upload.reason}`);
}

export async function benchTransfers(sizeMiB: number): Promise<TransferRow[]> {
  const dir = await mkdtemp(join(tmpdir(), "fleetdrop-bench-"));
  const stack = await startStack({ env: { LOG_LEVEL: "warn" } });
  try {
    const source = join(dir, "payload.bin");
    const sha256 = await writeRandomFile(source, sizeMiB * 1024 * 1024);
    const token = await stack.registerMachine("bench-1");
    const env = { ...process.env, FLEETDROP_URL: stack.url, FLEETDROP_DATA_DIR: stack.dataDir, FLEETDROP_MACHINE_TOKEN: token };

    const cliUpload = await measure(process.execPath, [cli, "upload", "bench-1", source, "--no-wait", "--json"], env);
    await waitActive(stack, JSON.parse(cliUpload.stdout).uploadId);

    const size = sizeMiB * 1024 * 1024;
    const declared = await stack.api("POST", "/uploads", { machineId: "bench-1", filename: "payload.bin", size, sha256 });
    const form = Object.entries(declared.body.fields as Record<string, string>).flatMap(([k, v]) => ["--form-string", `${k}=${v}`]);
    const curlUpload = await measure("curl", ["-fsS", "-o", "/dev/null", ...form, "-F", `file=@${source}`, declared.body.url]);
    await waitActive(stack, declared.body.uploadId);

    const cliDownload: Measurement = await measure(process.execPath, [cli, "fetch", "bench-1", "--out", join(dir, "via-cli.bin")], env);
    const curlDownload = await measure("curl", [
      "-fsSL",
      "-H",
      `Authorization: Bearer ${token}`,
      `${stack.url}/download?machine_id=bench-1`,
      "-o",
      join(dir, "via-curl.bin"),
    ]);

    const row = (direction: TransferRow["direction"], mine: Measurement, theirs: Measurement): TransferRow => ({
      direction,
      cliSeconds: round(mine.seconds),
      curlSeconds: round(theirs.seconds),
      ratio: round(theirs.seconds / mine.seconds),
      cliPeakRssMiB: mine.peakRssMiB === null ? null : round(mine.peakRssMiB),
    });
    return [row("upload", cliUpload, curlUpload), row("download", cliDownload, curlDownload)];
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

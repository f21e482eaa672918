/**
 * `npm run bench:load [-- --duration 60 --machines 150]`: machines polling and downloading against
 * the local stack (loopback only) while their files are being replaced. Each machine loops:
 * `GET /download` with `If-None-Match` of the file it holds; on a 302 it fetches the presigned URL,
 * and checks the bytes: their sha256 must be the one the API announced, and the file must be one
 * uploaded for this machine (each file starts with its machine id). A 404 from S3 (the file was
 * replaced between the 302 and the GET) is asked again, as the CLI does. Meanwhile two replacers
 * upload new versions to random machines. Prints requests, p50/p99 of `/download`, wrong files and
 * 5xx (both must be 0; exit 1 otherwise), with `/health`'s p50 in the same run as the baseline.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { requestDownload, sha256, startStack } from "@fleetdrop/testing/harness";

const { values } = parseArgs({
  options: { duration: { type: "string", default: "60" }, machines: { type: "string", default: "150" } },
});
const durationMs = Number(values.duration) * 1000;
const machineCount = Number(values.machines);

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const contentFor = (machineId: string) => Buffer.concat([Buffer.from(`${machineId}\n`), randomBytes(1024)]);

const stack = await startStack({ env: { LOG_LEVEL: "error" } });
try {
  const ids = Array.from({ length: machineCount }, (_, i) => `load-${String(i).padStart(3, "0")}`);
  const tokens = new Map<string, string>();
  for (const id of ids) tokens.set(id, await stack.registerMachine(id));
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) await stack.upload(id, contentFor(id));
    }),
  );

  const health: number[] = [];
  for (let i = 0; i < 300; i++) {
    const start = process.hrtime.bigint();
    await (await fetch(`${stack.url}/health`)).arrayBuffer();
    health.push(elapsedMs(start));
  }

  const stats = { requests: 0, downloads: 0, notModified: 0, wrongFiles: 0, serverErrors: 0, s3NotFound: 0 };
  const latencies: number[] = [];
  let replacements = 0;
  const end = Date.now() + durationMs;

  const poll = async (machineId: string) => {
    let held: string | undefined;
    while (Date.now() < end) {
      const start = process.hrtime.bigint();
      const answer = await requestDownload(
        stack.url,
        machineId,
        tokens.get(machineId),
        held ? { "If-None-Match": `"${held}"` } : {},
      );
      await answer.arrayBuffer();
      latencies.push(elapsedMs(start));
      stats.requests++;
      if (answer.status >= 500) stats.serverErrors++;
      if (answer.status === 304) stats.notModified++;
      if (answer.status !== 302) continue;
      const object = await fetch(answer.headers.get("Location")!);
      const bytes = Buffer.from(await object.arrayBuffer());
      if (object.status >= 500) stats.serverErrors++;
      if (object.status === 404) {
        stats.s3NotFound++;
        continue;
      }
      stats.downloads++;
      const announced = answer.headers.get("X-Content-SHA256");
      const ours = bytes.subarray(0, machineId.length + 1).toString() === `${machineId}\n`;
      if (object.status !== 200 || sha256(bytes) !== announced || !ours) stats.wrongFiles++;
      else held = announced;
    }
  };
  const replace = async () => {
    while (Date.now() < end) {
      const machineId = ids[Math.floor(Math.random() * ids.length)]!;
      const content = contentFor(machineId);
      const intent = await stack.declare(machineId, content);
      const res = await stack.uploadBytes(intent, content);
      if (res.status >= 500) stats.serverErrors++;
      else replacements++;
    }
  };
  await Promise.all([...ids.map(poll), replace(), replace()]);

  const result = {
    machines: machineCount,
    seconds: durationMs / 1000,
    requests: stats.requests,
    "requests/s": Math.round(stats.requests / (durationMs / 1000)),
    "p50 ms": Number(percentile(latencies, 50).toFixed(1)),
    "p99 ms": Number(percentile(latencies, 99).toFixed(1)),
    "health p50 ms (baseline)": Number(percentile(health, 50).toFixed(2)),
    downloads: stats.downloads,
    "304s": stats.notModified,
    "S3 404s asked again": stats.s3NotFound,
    replacements,
    "wrong files": stats.wrongFiles,
    "5xx": stats.serverErrors,
  };
  console.table(result);
  console.log(JSON.stringify(result));
  process.exitCode = stats.wrongFiles === 0 && stats.serverErrors === 0 ? 0 : 1;
} finally {
  await stack.stop();
}

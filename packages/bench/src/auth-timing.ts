/**
 * `npm run bench:auth-timing [-- --pairs N]`: does a wrong token take as long for a registered
 * machine as for an unknown one? Against the local stack over loopback, N interleaved pairs (order
 * shuffled within each pair) of `GET /download` with a wrong token: one for a registered machine
 * with a file, one for an unknown id. The same number of pairs of two unknown ids, interleaved
 * with them, is the noise floor measured in the same run. Prints medians of the paired differences
 * and exits 1 if the gap is larger than max(3 × the noise floor, 2% of the median request).
 */

import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { requestDownload, startStack } from "@fleetdrop/testing/harness";

const { values } = parseArgs({ options: { pairs: { type: "string", default: "1500" } } });
const pairs = Number(values.pairs);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const stack = await startStack({ env: { LOG_LEVEL: "silent" } });
try {
  const known = "timing-known";
  await stack.registerMachine(known);
  await stack.upload(known, randomBytes(64));
  const wrongToken = `fdm_${randomBytes(32).toString("base64url")}`;

  const timed = async (machineId: string) => {
    const start = process.hrtime.bigint();
    const res = await requestDownload(stack.url, machineId, wrongToken);
    await res.arrayBuffer();
    if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const pairOf = async (a: string, b: string) => {
    if (Math.random() < 0.5) {
      const ta = await timed(a);
      return ta - (await timed(b));
    }
    const tb = await timed(b);
    return (await timed(a)) - tb;
  };

  for (let i = 0; i < 200; i++) await timed(i % 2 ? known : "warm-up"); // warm-up
  const gaps: number[] = [];
  const floor: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < pairs; i++) {
    gaps.push(await pairOf(known, `unknown-${i}`));
    floor.push(await pairOf(`unknown-a-${i}`, `unknown-b-${i}`));
    all.push(await timed(`unknown-c-${i}`));
  }
  const typical = median(all);
  const gap = median(gaps);
  const noise = Math.abs(median(floor));
  const bound = Math.max(3 * noise, 0.02 * typical);
  console.table({
    "median request (ms)": typical.toFixed(3),
    "known - unknown, median of pairs (ms)": gap.toFixed(3),
    "unknown - unknown, median of pairs (ms)": median(floor).toFixed(3),
    "bound (ms)": bound.toFixed(3),
    pairs,
  });
  const verdict = Math.abs(gap) <= bound;
  console.log(
    verdict
      ? "PASS: a wrong token costs the same for known and unknown machines"
      : "FAIL: known machines are distinguishable",
  );
  process.exitCode = verdict ? 0 : 1;
} finally {
  await stack.stop();
}

/** Issue 13's targets as rows: each measurement beside its baseline, the ratio and the target. */
import { type Measurement, median } from "./measure.ts";
import type { TransferBench } from "./transfer.ts";

export interface TargetRow {
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean;
}

const range = (values: number[], digits: number, unit = "") => {
  const f = (n: number) => n.toFixed(digits) + unit;
  return `${f(median(values))} [${f(Math.min(...values))}–${f(Math.max(...values))}]`;
};
const secs = (runs: Measurement[]) =>
  range(
    runs.map((r) => r.seconds),
    3,
    " s",
  );
const rss = (runs: Measurement[]) =>
  range(
    runs.map((r) => r.peakRssMiB),
    1,
    " MiB",
  );
/** Ratios of paired runs (round i of one against round i of the other): median [min–max]. */
const pairedRatios = (a: Measurement[], b: Measurement[], f: (x: Measurement, y: Measurement) => number) =>
  a.slice(0, b.length).map((x, i) => f(x, b[i]!));

export function targetRows(bench: TransferBench): TargetRow[] {
  const { poll, download, upload, sizeMiB } = bench;
  const pollRatio = pairedRatios(poll.cli.runs, poll.nodeBaseline.runs, (cli, node) => cli.seconds / node.seconds);
  const downloadRatio = pairedRatios(download.curl.runs, download.cli.runs, (curl, cli) => curl.seconds / cli.seconds);
  const uploadRatio = pairedRatios(
    upload.curlScript.runs,
    upload.cli.runs,
    (script, cli) => script.seconds / cli.seconds,
  );
  const throughput = (runs: Measurement[]) =>
    range(
      runs.map((r) => sizeMiB / r.seconds),
      0,
      " MiB/s",
    );
  const maxRss = (runs: Measurement[]) => Math.max(...runs.map((r) => r.peakRssMiB));
  return [
    {
      what: "fetch unchanged (304 poll), wall",
      measured: secs(poll.cli.runs),
      baseline: `node -e 0 ${secs(poll.nodeBaseline.runs)}; curl ${secs(poll.curl.runs)}`,
      ratio: `${range(pollRatio, 2)}× node`,
      target: "≤ 2× node -e 0",
      met: median(pollRatio) <= 2,
    },
    {
      what: "fetch unchanged (304 poll), peak RSS",
      measured: rss(poll.cli.runs),
      baseline: `node -e 0 ${rss(poll.nodeBaseline.runs)}`,
      ratio: "",
      target: "≤ 60 MiB",
      met: median(poll.cli.runs.map((r) => r.peakRssMiB)) <= 60,
    },
    {
      what: `fetch ${sizeMiB} MiB, verified + durable + atomic`,
      measured: `${secs(download.cli.runs)} = ${throughput(download.cli.runs)}`,
      baseline: `curl -o ${secs(download.curl.runs)} = ${throughput(download.curl.runs)}`,
      ratio: `${range(downloadRatio, 2)}× curl`,
      target: "≥ 0.75× curl",
      met: median(downloadRatio) >= 0.75,
    },
    {
      what: `upload ${sizeMiB} MiB (hash + declare + POST)`,
      measured: `${secs(upload.cli.runs)} = ${throughput(upload.cli.runs)}`,
      baseline: `sha256sum + curl ${secs(upload.curlScript.runs)}`,
      ratio: `${range(uploadRatio, 2)}× script`,
      target: "≥ 1.2× curl script",
      met: median(uploadRatio) >= 1.2,
    },
    {
      what: `peak RSS, fetch / upload of ${sizeMiB} MiB`,
      measured: `${rss(download.cli.runs)} / ${rss(upload.cli.runs)}`,
      baseline: "",
      ratio: "",
      target: "≤ 100 MiB",
      met: maxRss(download.cli.runs) <= 100 && maxRss(upload.cli.runs) <= 100,
    },
  ];
}

export function formatRows(rows: TargetRow[]): string {
  const headers = ["what", "measured: median [range]", "baseline, same run", "ratio", "target", "met"];
  const cells = rows.map((r) => [r.what, r.measured, r.baseline, r.ratio, r.target, r.met ? "yes" : "NO"]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(" | ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n");
}

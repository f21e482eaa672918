/** Renders an estimate as the plain-text table `npm run cost` prints (and README copies). */
import type { Estimate } from "./model.ts";
import { pricesCheckedOn } from "./prices.ts";

const count = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : Math.round(n).toLocaleString("en-US"));
const dollars = (n: number) => `$${n.toFixed(2)}`;

export function renderEstimate(estimate: Estimate): string {
  const { machines, intervalMinutes, resolutionSeconds, downloadsPerMonth } = estimate.workload;
  const rows = estimate.lines.map((l) => [
    l.item,
    `${count(l.quantity)} ${l.unit}`,
    l.free > 0 ? count(l.free) : "",
    dollars(l.dollars),
  ]);
  const header = ["item", "per month", "free", "cost"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    `${machines} machines polling every ${intervalMinutes} min, LAST_SEEN_RESOLUTION_SECONDS=${resolutionSeconds}, ` +
      `${count(downloadsPerMonth)} downloads (replacements) a month: ${count(estimate.polls)} polls`,
    format(header),
    ...rows.map(format),
    format(["total, free allowances applied", "", "", dollars(estimate.total)]),
    format(["total without any free allowance", "", "", dollars(estimate.totalWithoutFree)]),
    `An API Gateway HTTP API in front would add ${dollars(estimate.httpApiExtra)}.`,
    `us-east-1 list prices checked ${pricesCheckedOn}; bytes transferred and stored, and logs, excluded.`,
  ].join("\n");
}

/** Human output: byte sizes, durations and aligned tables; JSON documents. */
import { terminalSafe, terminalSafeJson } from "./safe-text.ts";

export function bytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Columns padded to the widest cell; every cell made terminal-safe first. */
export function table(headers: string[], rows: string[][]): string {
  const safeRows = rows.map((row) => row.map(terminalSafe));
  const widths = headers.map((header, i) => Math.max(header.length, ...safeRows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(headers), ...safeRows.map(line)].join("\n");
}

export function printJson(value: unknown): void {
  process.stdout.write(`${terminalSafeJson(value)}\n`);
}

/** "3m ago", "2h ago", "5d ago": how long before `now` an ISO time was; "never" for none. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(s)) return "?";
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

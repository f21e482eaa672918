/** The fleet's counts as tiles: machines, up to date, waiting, failed, stale, rejected uploads. */
import type { FleetSummary as Summary } from "../api/types.ts";
import { upToDate } from "../lib/delivery.ts";

export function FleetSummary({ summary, staleKnown }: { summary: Summary; staleKnown: boolean }) {
  const items: [string, string | number, string][] = [
    ["Machines", summary.machines, "neutral"],
    ["Up to date", upToDate(summary), "good"],
    ["Waiting", summary.states.waiting, "info"],
    ["Failed", summary.states.failed, "bad"],
    ["Stale", staleKnown ? summary.stale : "–", "warn"],
    ["Rejected uploads (24 h)", summary.rejectedUploads24h ?? "–", "bad"],
  ];
  return (
    <dl className="summary" aria-label="Fleet summary">
      {items.map(([label, value, tone]) => (
        <div key={label} className={`tile ${tone}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

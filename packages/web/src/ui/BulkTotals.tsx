/** The bulk upload's progress as a whole: bytes sent, files finished, and the outcome of each kind. */
import { bulkTotals, type FileState } from "../lib/bulk-progress.ts";
import { formatBytes } from "../lib/format.ts";
import type { BulkPlan } from "./BulkPreview.tsx";

export function BulkTotals({ plan, states }: { plan: BulkPlan; states: Record<string, FileState> }) {
  const { total, sent, counts } = bulkTotals(plan.planned, states);
  return (
    <section className="card" aria-labelledby="bulk-total">
      <h2 id="bulk-total">Total</h2>
      <progress aria-label="Total progress" max={total} value={sent} />
      <p className="small">
        {formatBytes(sent)} of {formatBytes(total)} sent · {counts.finished} of {plan.planned.length} finished
      </p>
      <p data-testid="bulk-summary" aria-live="polite">
        {counts.active} active, {counts.rejected} rejected, {counts.failed} failed
        {counts.cancelled > 0 && `, ${counts.cancelled} cancelled`}
        {counts.other > 0 && `, ${counts.other} superseded`}, {plan.unmatched.length} skipped
      </p>
    </section>
  );
}

/** The bulk plan, file by file: which machine each goes to, its progress and outcome, and what is skipped. */
import type { planBulk } from "../lib/bulk.ts";
import type { FileState } from "../lib/bulk-progress.ts";
import { formatBytes } from "../lib/format.ts";
import { checkFile, type UploadProgress } from "../upload/run-upload.ts";
import { ProgressLine } from "./ProgressLine.tsx";
import { UploadStatusBadge } from "./StateBadge.tsx";

export type BulkPlan = ReturnType<typeof planBulk<File>>;

export function BulkPreview({ plan, states }: { plan: BulkPlan; states: Record<string, FileState> }) {
  return (
    <section className="card" aria-labelledby="bulk-preview">
      <h2 id="bulk-preview">
        {plan.planned.length} matched, {plan.unmatched.length} not matched
      </h2>
      <ul className="bulk-list">
        {plan.planned.map(({ file, name, machineId }) => (
          <li key={name} data-testid="bulk-matched">
            <div className="row">
              <span className="grow">
                <strong>{name}</strong> → {machineId} <span className="muted small">{formatBytes(file.size)}</span>
              </span>
              <FileOutcome state={states[name]} problem={checkFile(file)} />
            </div>
            {states[name]?.kind === "running" && (
              <ProgressLine
                progress={(states[name] as { progress: UploadProgress }).progress}
                label={`Progress of ${name}`}
              />
            )}
          </li>
        ))}
        {plan.unmatched.map(({ name, problem }) => (
          <li key={name} data-testid="bulk-unmatched">
            <span className="badge warn">skipped</span> <strong>{name}</strong> <span className="small">{problem}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FileOutcome({ state, problem }: { state: FileState | undefined; problem: string | undefined }) {
  if (!state) return problem ? <span className="error small">{problem}</span> : null;
  switch (state.kind) {
    case "queued":
      return <span className="muted small">queued</span>;
    case "running":
      return <span className="muted small">{state.progress.phase}</span>;
    case "done":
      return <UploadStatusBadge status={state.upload.status} reason={state.upload.reason} />;
    case "failed":
      return <span className="error small">{state.message}</span>;
    case "cancelled":
      return <span className="muted small">cancelled</span>;
  }
}

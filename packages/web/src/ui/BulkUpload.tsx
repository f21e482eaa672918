/**
 * Many files, one per machine, named `<machineId>.<ext>`: a preview of what goes where (and what
 * matches no machine) before anything is sent, then bounded parallel uploads and a summary.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { allMachines } from "../api/paging.ts";
import type { Upload } from "../api/types.ts";
import { planBulk, runBounded } from "../lib/bulk.ts";
import { formatBytes } from "../lib/format.ts";
import { CancelledError } from "../upload/hash.ts";
import { checkFile, runUpload, type UploadProgress } from "../upload/run-upload.ts";
import { useApi } from "./App.tsx";
import { describeError, ErrorNote } from "./ErrorNote.tsx";
import { ProgressLine } from "./ProgressLine.tsx";
import { UploadStatusBadge } from "./StateBadge.tsx";

const CONCURRENCY = 3;

type FileState =
  | { kind: "queued" }
  | { kind: "running"; progress: UploadProgress }
  | { kind: "done"; upload: Upload }
  | { kind: "failed"; message: string }
  | { kind: "cancelled" };

export function BulkUpload() {
  const api = useApi();
  const queryClient = useQueryClient();
  const machines = useQuery({
    queryKey: ["machines"],
    queryFn: () => allMachines((cursor) => api.listMachines(cursor)),
  });
  const [files, setFiles] = useState<File[]>([]);
  const [states, setStates] = useState<Record<string, FileState>>({});
  const [stage, setStage] = useState<"choose" | "running" | "finished">("choose");
  const controller = useRef<AbortController | null>(null);

  const plan = machines.data
    ? planBulk(
        files,
        machines.data.map((m) => m.machineId),
      )
    : null;
  const setState = (name: string, state: FileState) => setStates((current) => ({ ...current, [name]: state }));

  async function start() {
    if (!plan) return;
    const abort = new AbortController();
    controller.current = abort;
    setStates(Object.fromEntries(plan.planned.map((item) => [item.name, { kind: "queued" } as FileState])));
    setStage("running");
    await runBounded(plan.planned, CONCURRENCY, async ({ file, name, machineId }) => {
      if (abort.signal.aborted) return setState(name, { kind: "cancelled" });
      try {
        const upload = await runUpload(
          api,
          machineId,
          file,
          (progress) => setState(name, { kind: "running", progress }),
          abort.signal,
        );
        setState(name, { kind: "done", upload });
      } catch (error) {
        setState(
          name,
          error instanceof CancelledError ? { kind: "cancelled" } : { kind: "failed", message: describeError(error) },
        );
      }
    });
    controller.current = null;
    setStage("finished");
    await queryClient.invalidateQueries({ queryKey: ["machines"] });
  }

  const reset = () => {
    setFiles([]);
    setStates({});
    setStage("choose");
  };

  return (
    <>
      <h1>Bulk upload</h1>
      <p className="muted">
        Name each file after its machine: <code>press-01.bin</code> goes to <code>press-01</code> (the CLI's{" "}
        <code>upload-dir</code> rule). Nothing is sent until you start.
      </p>
      {machines.error && <ErrorNote error={machines.error} />}
      {stage === "choose" && (
        // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse only; the file input inside is the keyboard path
        <div
          className="dropzone"
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            setFiles(Array.from(event.dataTransfer.files));
          }}
        >
          <label htmlFor="bulk-files">Drop files here or choose them</label>
          <input
            id="bulk-files"
            type="file"
            multiple
            onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
          />
        </div>
      )}
      {plan && files.length > 0 && (
        <>
          <Preview plan={plan} states={states} />
          {stage !== "choose" && <Totals plan={plan} states={states} />}
          <div className="row">
            {stage === "choose" && (
              <button type="button" onClick={start} disabled={plan.planned.length === 0}>
                Upload {plan.planned.length} {plan.planned.length === 1 ? "file" : "files"}
              </button>
            )}
            {stage === "running" && (
              <button type="button" className="quiet" onClick={() => controller.current?.abort()}>
                Cancel all
              </button>
            )}
            {stage !== "running" && (
              <button type="button" className="quiet" onClick={reset}>
                {stage === "finished" ? "Start over" : "Clear"}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}

type Plan = ReturnType<typeof planBulk<File>>;

function Preview({ plan, states }: { plan: Plan; states: Record<string, FileState> }) {
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

function Totals({ plan, states }: { plan: Plan; states: Record<string, FileState> }) {
  const total = plan.planned.reduce((sum, item) => sum + item.file.size, 0);
  let sent = 0;
  const counts = { active: 0, rejected: 0, failed: 0, cancelled: 0, other: 0, finished: 0 };
  for (const { file, name } of plan.planned) {
    const state = states[name];
    if (state?.kind === "running" && state.progress.phase === "sending") sent += state.progress.sent;
    if (state?.kind === "running" && state.progress.phase === "verifying") sent += file.size;
    if (state?.kind === "done") {
      sent += file.size;
      counts.finished += 1;
      if (state.upload.status === "active") counts.active += 1;
      else if (state.upload.status === "rejected") counts.rejected += 1;
      else counts.other += 1;
    }
    if (state?.kind === "failed") {
      counts.failed += 1;
      counts.finished += 1;
    }
    if (state?.kind === "cancelled") {
      counts.cancelled += 1;
      counts.finished += 1;
    }
  }
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

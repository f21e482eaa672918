/**
 * Many files, one per machine, named `<machineId>.<ext>`: a preview of what goes where (and what
 * matches no machine) before anything is sent, then bounded parallel uploads and a summary.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { allMachines } from "../api/paging.ts";
import { planBulk, runBounded } from "../lib/bulk.ts";
import type { FileState } from "../lib/bulk-progress.ts";
import { CancelledError } from "../upload/hash.ts";
import { runUpload } from "../upload/run-upload.ts";
import { useApi } from "./App.tsx";
import { BulkPreview } from "./BulkPreview.tsx";
import { BulkTotals } from "./BulkTotals.tsx";
import { describeError, ErrorNote } from "./ErrorNote.tsx";

const CONCURRENCY = 3;

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
          <BulkPreview plan={plan} states={states} />
          {stage !== "choose" && <BulkTotals plan={plan} states={states} />}
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

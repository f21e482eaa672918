/** Upload one file to one machine: pick or drop, then hash, declare, send with progress, verdict. */
import { useQueryClient } from "@tanstack/react-query";
import { type DragEvent, useEffect, useId, useRef, useState } from "react";
import type { Upload } from "../api/types.ts";
import { formatBytes } from "../lib/format.ts";
import { CancelledError } from "../upload/hash.ts";
import { checkFile, runUpload, type UploadProgress } from "../upload/run-upload.ts";
import { useApi } from "./App.tsx";
import { describeError } from "./ErrorNote.tsx";
import { ProgressLine } from "./ProgressLine.tsx";
import { UploadStatusBadge } from "./StateBadge.tsx";

type Outcome = { kind: "done"; upload: Upload } | { kind: "error"; message: string } | { kind: "cancelled" };

export function UploadPanel({ machineId }: { machineId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dragging, setDragging] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const busy = progress !== null;

  useEffect(() => () => controller.current?.abort(), []);

  function choose(files: FileList | null) {
    const chosen = files?.[0] ?? null;
    setFile(chosen);
    setOutcome(chosen && checkFile(chosen) ? { kind: "error", message: checkFile(chosen)! } : null);
  }

  async function start() {
    if (!file) return;
    controller.current = new AbortController();
    setOutcome(null);
    try {
      const upload = await runUpload(api, machineId, file, setProgress, controller.current.signal);
      setOutcome({ kind: "done", upload });
    } catch (error) {
      setOutcome(
        error instanceof CancelledError ? { kind: "cancelled" } : { kind: "error", message: describeError(error) },
      );
    } finally {
      setProgress(null);
      controller.current = null;
      await queryClient.invalidateQueries({ queryKey: ["machine", machineId] });
      await queryClient.invalidateQueries({ queryKey: ["machines"] });
    }
  }

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!busy) choose(event.dataTransfer.files);
  };

  return (
    <section className="card" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Upload a new file</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse only; the file input inside is the keyboard path */}
      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <label htmlFor={inputId}>Drop a file here or choose one (up to 5 GiB)</label>
        <input id={inputId} type="file" disabled={busy} onChange={(event) => choose(event.target.files)} />
      </div>
      {file && (
        <p className="row">
          <span className="grow">
            <strong>{file.name}</strong> <span className="muted">{formatBytes(file.size)}</span>
          </span>
          {progress ? (
            progress.phase !== "verifying" && (
              <button type="button" className="quiet" onClick={() => controller.current?.abort()}>
                Cancel
              </button>
            )
          ) : (
            <button type="button" onClick={start} disabled={Boolean(checkFile(file))}>
              Upload to {machineId}
            </button>
          )}
        </p>
      )}
      {progress && <ProgressLine progress={progress} />}
      <div aria-live="polite">
        {outcome?.kind === "done" && (
          <p className={outcome.upload.status === "active" ? "ok" : "error"} data-testid="upload-outcome">
            Upload {outcome.upload.uploadId} ({formatBytes(outcome.upload.size)}):{" "}
            <UploadStatusBadge status={outcome.upload.status} reason={outcome.upload.reason} />
            {outcome.upload.reason && <> — {outcome.upload.reason}</>}
          </p>
        )}
        {outcome?.kind === "cancelled" && <p className="muted">Cancelled before S3 had the file: nothing changed.</p>}
      </div>
      {outcome?.kind === "error" && (
        <p role="alert" className="error">
          {outcome.message}
        </p>
      )}
    </section>
  );
}

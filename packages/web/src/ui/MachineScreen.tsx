/** One machine: its file, delivery, history and download log; upload, rotate token, remove. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../api/client.ts";
import type { Credentials, MachineDetail } from "../api/types.ts";
import { lastSeen } from "../lib/fleet-table.ts";
import { formatBytes, formatRelative, formatTime } from "../lib/format.ts";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { CopyButton } from "./CopyButton.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { REFRESH_MS } from "./Fleet.tsx";
import { useNow } from "./hooks.ts";
import { RemoveMachine } from "./RemoveMachine.tsx";
import { StaleTag, StateBadge, UploadStatusBadge } from "./StateBadge.tsx";
import { TokenReveal } from "./TokenReveal.tsx";
import { UploadPanel } from "./UploadPanel.tsx";

export function MachineScreen({ machineId }: { machineId: string }) {
  const api = useApi();
  const now = useNow();
  const detail = useQuery({
    queryKey: ["machine", machineId],
    queryFn: () => api.getMachine(machineId),
    refetchInterval: REFRESH_MS,
  });

  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <>
        <h1>{machineId}</h1>
        <p role="alert">
          No machine has this id. <a href={href.fleet}>Back to the fleet</a>
        </p>
      </>
    );
  }
  if (!detail.data) return detail.error ? <ErrorNote error={detail.error} /> : <p>Loading {machineId}…</p>;
  const machine = detail.data;

  return (
    <>
      <p className="small">
        <a href={href.fleet}>Fleet</a> / {machine.machineId}
      </p>
      <div className="title-row">
        <h1>{machine.machineId}</h1>
        <StateBadge machine={machine} /> <StaleTag machine={machine} />
      </div>
      {machine.label && <p className="muted">{machine.label}</p>}
      <Overview machine={machine} now={now} />
      <div className="columns">
        <UploadPanel machineId={machine.machineId} />
        <RotateToken machineId={machine.machineId} />
      </div>
      <History machine={machine} />
      <DownloadLog machineId={machine.machineId} />
      <RemoveMachine machineId={machine.machineId} />
    </>
  );
}

function Overview({ machine, now }: { machine: MachineDetail; now: Date }) {
  const file = machine.file;
  return (
    <dl className="facts">
      <div>
        <dt>Current file</dt>
        <dd>
          {file ? (
            <>
              {file.filename} <span className="muted">({formatBytes(file.size)})</span>
            </>
          ) : (
            "none"
          )}
        </dd>
      </div>
      {file && (
        <div className="wide">
          <dt>sha256</dt>
          <dd className="row">
            <code className="sha">{file.sha256}</code> <CopyButton value={file.sha256} label="Copy sha256" />
          </dd>
        </div>
      )}
      <div>
        <dt>Activated</dt>
        <dd title={formatTime(file?.activatedAt)}>{file ? formatRelative(file.activatedAt, now) : "–"}</dd>
      </div>
      <div>
        <dt>Last seen</dt>
        <dd title={formatTime(lastSeen(machine))}>{formatRelative(lastSeen(machine), now)}</dd>
      </div>
      <div>
        <dt>Downloads</dt>
        <dd>
          {machine.downloadCount}
          {machine.lastDownloadAt && (
            <span className="muted"> (last {formatRelative(machine.lastDownloadAt, now)})</span>
          )}
        </dd>
      </div>
      {machine.delivery?.message && (
        <div>
          <dt>Machine says</dt>
          <dd>
            {machine.delivery.message}
            {machine.delivery.exitCode !== undefined && ` (exit ${machine.delivery.exitCode})`}
          </dd>
        </div>
      )}
      <div>
        <dt>Registered</dt>
        <dd>{formatTime(machine.createdAt)}</dd>
      </div>
    </dl>
  );
}

function History({ machine }: { machine: MachineDetail }) {
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">File history</h2>
      {machine.uploads.length === 0 ? (
        <p className="muted">No uploads yet.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrollable table must be reachable by keyboard (axe: scrollable-region-focusable); a labelled region, not a page section
        <div className="scroll" tabIndex={0} role="region" aria-label="File history table">
          <table>
            <thead>
              <tr>
                <th scope="col">Declared</th>
                <th scope="col">File</th>
                <th scope="col">Size</th>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {machine.uploads.map((upload) => (
                <tr key={upload.uploadId}>
                  <td>{formatTime(upload.createdAt)}</td>
                  <td>
                    {upload.filename}{" "}
                    <code className="muted small" title={upload.sha256}>
                      {upload.sha256.slice(0, 12)}
                    </code>
                  </td>
                  <td className="number">{formatBytes(upload.size)}</td>
                  <td>
                    <UploadStatusBadge status={upload.status} reason={upload.reason} />
                  </td>
                  <td className="small">{upload.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DownloadLog({ machineId }: { machineId: string }) {
  const api = useApi();
  const log = useQuery({
    queryKey: ["downloads", machineId],
    queryFn: () => api.downloads(machineId, null),
    refetchInterval: REFRESH_MS * 2,
  });
  return (
    <section className="card" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Download log</h2>
      {log.error && <ErrorNote error={log.error} />}
      {log.data === null && <p className="muted">This API keeps no download log yet (it needs delivery feedback).</p>}
      {log.data && log.data.downloads.length === 0 && <p className="muted">No downloads yet.</p>}
      {log.data && log.data.downloads.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrollable table must be reachable by keyboard (axe: scrollable-region-focusable); a labelled region, not a page section
        <div className="scroll" tabIndex={0} role="region" aria-label="Download log table">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Upload</th>
                <th scope="col">From</th>
                <th scope="col">Client</th>
              </tr>
            </thead>
            <tbody>
              {log.data.downloads.map((entry) => (
                <tr key={`${entry.at}-${entry.uploadId}-${entry.sourceIp}`}>
                  <td>{formatTime(entry.at)}</td>
                  <td>
                    <code>{entry.uploadId}</code>
                  </td>
                  <td>{entry.sourceIp}</td>
                  <td className="small">{entry.userAgent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RotateToken({ machineId }: { machineId: string }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const rotate = useMutation({
    mutationFn: () => api.rotateToken(machineId),
    onSuccess: (result) => {
      setCredentials(result);
      setConfirming(false);
    },
  });
  return (
    <section className="card" aria-labelledby="rotate-heading">
      <h2 id="rotate-heading">Token rotation</h2>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Rotate token
        </button>
      ) : (
        <div className="stack">
          <p>The current token stops working at once. The machine needs the new one.</p>
          <div className="row">
            <button type="button" className="danger" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              Rotate now
            </button>
            <button type="button" className="quiet" onClick={() => setConfirming(false)}>
              Keep the current token
            </button>
          </div>
        </div>
      )}
      {rotate.error && <ErrorNote error={rotate.error} />}
      {credentials && <TokenReveal apiUrl={api.baseUrl} credentials={credentials} />}
    </section>
  );
}

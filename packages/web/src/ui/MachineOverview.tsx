/** A machine's facts at a glance: its current file, when it was last seen, its downloads and what it last said. */
import type { MachineDetail } from "../api/types.ts";
import { lastSeen } from "../lib/fleet-table.ts";
import { formatBytes, formatRelative, formatTime } from "../lib/format.ts";
import { CopyButton } from "./CopyButton.tsx";

export function MachineOverview({ machine, now }: { machine: MachineDetail; now: Date }) {
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

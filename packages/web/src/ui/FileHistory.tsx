/** A machine's uploads, newest first, each with its status and the reason for a rejection. */
import type { MachineDetail } from "../api/types.ts";
import { formatBytes, formatTime } from "../lib/format.ts";
import { UploadStatusBadge } from "./StateBadge.tsx";

export function FileHistory({ machine }: { machine: MachineDetail }) {
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

/** A machine's uploads, newest first, each with its status and the reason for a rejection. */
import type { MachineDetail } from "../api/types.ts";
import { formatBytes, formatTime } from "../lib/format.ts";
import { ScrollTable } from "./ScrollTable.tsx";
import { UploadStatusBadge } from "./StateBadge.tsx";

export function FileHistory({ machine }: { machine: MachineDetail }) {
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">File history</h2>
      {machine.uploads.length === 0 ? (
        <p className="muted">No uploads yet.</p>
      ) : (
        <ScrollTable label="File history table" columns={["Declared", "File", "Size", "Status", "Reason"]}>
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
        </ScrollTable>
      )}
    </section>
  );
}

/** Who downloaded a machine's files, when and with what client (the API's download log). */
import { useQuery } from "@tanstack/react-query";
import { formatTime } from "../lib/format.ts";
import { useApi } from "./App.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { REFRESH_MS } from "./refresh.ts";

export function DownloadLog({ machineId }: { machineId: string }) {
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

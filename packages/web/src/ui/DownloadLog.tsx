/** Who downloaded a machine's files, when and with what client (the API's download log). */
import { useQuery } from "@tanstack/react-query";
import { formatTime } from "../lib/format.ts";
import { useApi } from "./App.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { REFRESH_MS } from "./refresh.ts";
import { ScrollTable } from "./ScrollTable.tsx";

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
        <ScrollTable label="Download log table" columns={["When", "Upload", "From", "Client"]}>
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
        </ScrollTable>
      )}
    </section>
  );
}

/** The fleet as a table sortable by each column, one row per machine, with its latest upload loaded lazily. */
import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import type { Machine } from "../api/types.ts";
import { lastSeen, type Sort, type SortKey } from "../lib/fleet-table.ts";
import { formatBytes, formatRelative, formatTime, shortSha } from "../lib/format.ts";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { CopyButton } from "./CopyButton.tsx";
import { useSeen } from "./hooks.ts";
import { REFRESH_MS } from "./refresh.ts";
import { StaleTag, StateBadge, UploadStatusBadge } from "./StateBadge.tsx";

const columns: { key: SortKey; label: string }[] = [
  { key: "machineId", label: "Machine" },
  { key: "label", label: "Label" },
  { key: "file", label: "Current file" },
  { key: "activatedAt", label: "Activated" },
  { key: "state", label: "State" },
  { key: "lastSeen", label: "Last seen" },
  { key: "downloads", label: "Downloads" },
];

export function FleetTable({
  rows,
  now,
  sort,
  onSort,
}: {
  rows: Machine[];
  now: Date;
  sort: Sort;
  onSort: (key: SortKey) => void;
}) {
  return (
    <table className="fleet">
      <caption className="visually-hidden">Machines, sortable by each column</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.key}
              scope="col"
              aria-sort={sort.key === column.key ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
            >
              <button type="button" className="sort" onClick={() => onSort(column.key)}>
                {column.label}
                <span aria-hidden="true">
                  {sort.key === column.key ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}
                </span>
              </button>
            </th>
          ))}
          <th scope="col">Latest upload</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((machine) => (
          <MachineRow key={machine.machineId} machine={machine} now={now} />
        ))}
      </tbody>
    </table>
  );
}

function MachineRow({ machine, now }: { machine: Machine; now: Date }) {
  const seen = lastSeen(machine);
  return (
    <tr>
      <th scope="row" data-label="Machine">
        <a href={href.machine(machine.machineId)}>{machine.machineId}</a>
      </th>
      <td data-label="Label">{machine.label ?? <span className="muted">–</span>}</td>
      <td data-label="Current file">
        {machine.file ? (
          <span className="file">
            <span className="filename">{machine.file.filename}</span>
            <span className="muted small">
              {formatBytes(machine.file.size)} ·{" "}
              <code title={machine.file.sha256}>{shortSha(machine.file.sha256)}</code>
            </span>
            <CopyButton value={machine.file.sha256} label={`Copy sha256 of ${machine.machineId}'s file`} />
          </span>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td data-label="Activated" title={formatTime(machine.file?.activatedAt)}>
        {machine.file ? formatRelative(machine.file.activatedAt, now) : "–"}
      </td>
      <td data-label="State">
        <StateBadge machine={machine} /> <StaleTag machine={machine} />
      </td>
      <td data-label="Last seen" title={formatTime(seen)}>
        {formatRelative(seen, now)}
      </td>
      <td data-label="Downloads" className="number">
        {machine.downloadCount}
      </td>
      <td data-label="Latest upload">
        <LatestUpload machineId={machine.machineId} />
      </td>
    </tr>
  );
}

/** The newest upload comes with the machine's details: loaded once the row is on screen. */
function LatestUpload({ machineId }: { machineId: string }) {
  const api = useApi();
  const ref = useRef<HTMLSpanElement>(null);
  const seen = useSeen(ref);
  const detail = useQuery({
    queryKey: ["machine", machineId],
    queryFn: () => api.getMachine(machineId),
    enabled: seen,
    refetchInterval: REFRESH_MS * 3,
  });
  const latest = detail.data?.uploads[0];
  return (
    <span ref={ref}>
      {latest ? (
        <UploadStatusBadge status={latest.status} reason={latest.reason} />
      ) : (
        <span className="muted">{detail.data ? "none" : "…"}</span>
      )}
    </span>
  );
}

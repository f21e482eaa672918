/**
 * The fleet at a glance: the summary (GET /fleet, or computed from the list before §6), then every
 * machine (all cursor pages), searchable, filterable and sortable, refreshed every few seconds.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { allMachines } from "../api/paging.ts";
import { deliveryStates, type FleetSummary, type Machine } from "../api/types.ts";
import { stateBadges, summarize, upToDate } from "../lib/delivery.ts";
import { fleetRows, lastSeen, type Sort, type SortKey, type StateFilter } from "../lib/fleet-table.ts";
import { formatBytes, formatRelative, formatTime, shortSha } from "../lib/format.ts";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { CopyButton } from "./CopyButton.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { useNow, useSeen } from "./hooks.ts";
import { StaleTag, StateBadge, UploadStatusBadge } from "./StateBadge.tsx";

export const REFRESH_MS = 5000;

const columns: { key: SortKey; label: string }[] = [
  { key: "machineId", label: "Machine" },
  { key: "label", label: "Label" },
  { key: "file", label: "Current file" },
  { key: "activatedAt", label: "Activated" },
  { key: "state", label: "State" },
  { key: "lastSeen", label: "Last seen" },
  { key: "downloads", label: "Downloads" },
];

export function Fleet() {
  const api = useApi();
  const now = useNow();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<StateFilter>("all");
  const [sort, setSort] = useState<Sort>({ key: "machineId", direction: "asc" });

  const machines = useQuery({
    queryKey: ["machines"],
    queryFn: () => allMachines((cursor) => api.listMachines(cursor)),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const fleet = useQuery({ queryKey: ["fleet"], queryFn: () => api.fleet(), refetchInterval: REFRESH_MS });
  const summary = fleet.data ?? (machines.data ? summarize(machines.data, now) : undefined);
  const staleKnown = fleet.data != null || (machines.data ?? []).some((machine) => machine.stale !== undefined);
  const rows = machines.data ? fleetRows(machines.data, query, filter, sort) : [];

  const toggleSort = (key: SortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === "asc" ? "desc" : "asc" }));

  return (
    <>
      <div className="heading-row">
        <h1>Fleet</h1>
        <a className="button" href={href.register}>
          Register a machine
        </a>
      </div>
      {summary && <Summary summary={summary} staleKnown={staleKnown} />}
      <search className="toolbar">
        <label>
          Search
          <input type="search" value={query} placeholder="id or label" onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>
          State
          <select value={filter} onChange={(e) => setFilter(e.target.value as StateFilter)}>
            <option value="all">All states</option>
            {deliveryStates.map((state) => (
              <option key={state} value={state}>
                {stateBadges[state].label}
              </option>
            ))}
            {staleKnown && <option value="stale">Stale</option>}
          </select>
        </label>
        <p className="muted small" aria-live="polite">
          {machines.data ? `${rows.length} of ${machines.data.length} machines` : "Loading machines…"}
        </p>
      </search>
      {machines.error && <ErrorNote error={machines.error} />}
      {machines.data && machines.data.length === 0 && (
        <p>
          No machines yet. <a href={href.register}>Register the first one.</a>
        </p>
      )}
      {rows.length > 0 && (
        <table className="fleet">
          <caption className="visually-hidden">Machines, sortable by each column</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={
                    sort.key === column.key ? (sort.direction === "asc" ? "ascending" : "descending") : undefined
                  }
                >
                  <button type="button" className="sort" onClick={() => toggleSort(column.key)}>
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
      )}
    </>
  );
}

function Summary({ summary, staleKnown }: { summary: FleetSummary; staleKnown: boolean }) {
  const items: [string, string | number, string][] = [
    ["Machines", summary.machines, "neutral"],
    ["Up to date", upToDate(summary), "good"],
    ["Waiting", summary.states.waiting, "info"],
    ["Failed", summary.states.failed, "bad"],
    ["Stale", staleKnown ? summary.stale : "–", "warn"],
    ["Rejected uploads (24 h)", summary.rejectedUploads24h ?? "–", "bad"],
  ];
  return (
    <dl className="summary" aria-label="Fleet summary">
      {items.map(([label, value, tone]) => (
        <div key={label} className={`tile ${tone}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
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

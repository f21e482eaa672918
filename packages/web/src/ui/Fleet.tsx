/**
 * The fleet at a glance: the summary (GET /fleet, or computed from the list before §6), then every
 * machine (all cursor pages), searchable, filterable and sortable, refreshed every few seconds.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { allMachines } from "../api/paging.ts";
import { deliveryStates } from "../api/types.ts";
import { stateBadges, summarize } from "../lib/delivery.ts";
import { fleetRows, type Sort, type SortKey, type StateFilter } from "../lib/fleet-table.ts";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { FleetSummary } from "./FleetSummary.tsx";
import { FleetTable } from "./FleetTable.tsx";
import { useNow } from "./hooks.ts";
import { REFRESH_MS } from "./refresh.ts";

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
      {summary && <FleetSummary summary={summary} staleKnown={staleKnown} />}
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
      {rows.length > 0 && <FleetTable rows={rows} now={now} sort={sort} onSort={toggleSort} />}
    </>
  );
}

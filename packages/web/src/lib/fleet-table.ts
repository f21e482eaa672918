/** Search, filter and sort for the fleet table: pure, so the screen stays a view. */
import type { DeliveryState, Machine } from "../api/types.ts";
import { deliveryState, isStale } from "./delivery.ts";

export type StateFilter = "all" | DeliveryState | "stale";
export type SortKey = "machineId" | "label" | "file" | "activatedAt" | "state" | "lastSeen" | "downloads";
export interface Sort {
  key: SortKey;
  direction: "asc" | "desc";
}

/** What "last seen" means: §6's lastSeenAt, or the last download before §6. */
export function lastSeen(machine: Machine): string | null {
  return machine.lastSeenAt !== undefined ? machine.lastSeenAt : machine.lastDownloadAt;
}

const stateOrder: Record<DeliveryState, number> = { failed: 0, waiting: 1, downloaded: 2, installed: 3, no_file: 4 };

function sortValue(machine: Machine, key: SortKey): string | number {
  switch (key) {
    case "machineId":
      return machine.machineId;
    case "label":
      return machine.label ?? "";
    case "file":
      return machine.file?.filename ?? "";
    case "activatedAt":
      return machine.file?.activatedAt ?? "";
    case "state":
      return stateOrder[deliveryState(machine)];
    case "lastSeen":
      return lastSeen(machine) ?? "";
    case "downloads":
      return machine.downloadCount;
  }
}

export function matchesSearch(machine: Machine, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return machine.machineId.toLowerCase().includes(needle) || (machine.label ?? "").toLowerCase().includes(needle);
}

export function matchesState(machine: Machine, filter: StateFilter): boolean {
  if (filter === "all") return true;
  if (filter === "stale") return isStale(machine) === true;
  return deliveryState(machine) === filter;
}

export function fleetRows(machines: Machine[], query: string, filter: StateFilter, sort: Sort): Machine[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return machines
    .filter((machine) => matchesSearch(machine, query) && matchesState(machine, filter))
    .sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      // Ties keep a fixed order by id so rows do not jump between refreshes.
      return order !== 0 ? order * sign : a.machineId.localeCompare(b.machineId);
    });
}

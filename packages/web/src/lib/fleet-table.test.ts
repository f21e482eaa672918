import { describe, expect, it } from "vitest";
import type { Machine } from "../api/types.ts";
import { fleetRows, lastSeen } from "./fleet-table.ts";

const file = (filename: string, activatedAt: string) => ({
  uploadId: "u",
  filename,
  size: 1,
  sha256: "0".repeat(64),
  contentType: "application/octet-stream",
  activatedAt,
});
const machine = (machineId: string, fields: Partial<Machine> = {}): Machine => ({
  machineId,
  label: null,
  createdAt: "2026-11-01T00:00:00.000Z",
  file: null,
  lastDownloadAt: null,
  downloadCount: 0,
  ...fields,
});

const fleet = [
  machine("press-02", {
    label: "Hall B",
    file: file("b.bin", "2026-11-25T10:00:00Z"),
    downloadCount: 2,
    lastDownloadAt: "2026-11-25T11:00:00Z",
  }),
  machine("press-01", { label: "Hall A", file: file("a.bin", "2026-11-25T09:00:00Z"), downloadCount: 7 }),
  machine("kiosk-1", { stale: true }),
  machine("Kiosk-2", {
    label: "press room",
    file: file("c.bin", "2026-11-24T09:00:00Z"),
    delivery: { uploadId: "u", state: "failed" },
  }),
];
const ids = (machines: Machine[]) => machines.map((m) => m.machineId);
const byId = { key: "machineId", direction: "asc" } as const;

describe("fleetRows", () => {
  it("searches ids and labels, ignoring case", () => {
    expect(ids(fleetRows(fleet, "PRESS", "all", byId))).toEqual(["Kiosk-2", "press-01", "press-02"]);
    expect(ids(fleetRows(fleet, " hall a ", "all", byId))).toEqual(["press-01"]);
    expect(ids(fleetRows(fleet, "", "all", byId))).toHaveLength(4);
  });

  it("filters by delivery state and by staleness", () => {
    expect(ids(fleetRows(fleet, "", "waiting", byId))).toEqual(["press-01"]);
    expect(ids(fleetRows(fleet, "", "downloaded", byId))).toEqual(["press-02"]);
    expect(ids(fleetRows(fleet, "", "no_file", byId))).toEqual(["kiosk-1"]);
    expect(ids(fleetRows(fleet, "", "failed", byId))).toEqual(["Kiosk-2"]);
    expect(ids(fleetRows(fleet, "", "stale", byId))).toEqual(["kiosk-1"]);
  });

  it("sorts by any column both ways, ties by id", () => {
    expect(ids(fleetRows(fleet, "", "all", { key: "downloads", direction: "desc" }))).toEqual([
      "press-01",
      "press-02",
      "kiosk-1",
      "Kiosk-2",
    ]);
    expect(ids(fleetRows(fleet, "", "all", { key: "activatedAt", direction: "asc" }))).toEqual([
      "kiosk-1",
      "Kiosk-2",
      "press-01",
      "press-02",
    ]);
    expect(ids(fleetRows(fleet, "", "all", { key: "state", direction: "asc" }))).toEqual([
      "Kiosk-2",
      "press-01",
      "press-02",
      "kiosk-1",
    ]);
    expect(ids(fleetRows(fleet, "", "all", { key: "label", direction: "desc" }))).toEqual([
      "Kiosk-2",
      "press-02",
      "press-01",
      "kiosk-1",
    ]);
  });

  it("does not reorder the list it is given", () => {
    const before = ids(fleet);
    fleetRows(fleet, "", "all", { key: "downloads", direction: "asc" });
    expect(ids(fleet)).toEqual(before);
  });
});

describe("lastSeen", () => {
  it("is lastSeenAt when the API has it (§6), else the last download", () => {
    expect(lastSeen(machine("a", { lastDownloadAt: "2026-11-25T01:00:00Z" }))).toBe("2026-11-25T01:00:00Z");
    expect(lastSeen(machine("a", { lastDownloadAt: "2026-11-25T01:00:00Z", lastSeenAt: "2026-11-25T02:00:00Z" }))).toBe(
      "2026-11-25T02:00:00Z",
    );
    expect(lastSeen(machine("a", { lastDownloadAt: "2026-11-25T01:00:00Z", lastSeenAt: null }))).toBeNull();
  });
});

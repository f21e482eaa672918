/**
 * A machine's delivery state for the badges and the fleet summary. With CONTRACT §6 the API says
 * it (`delivery.state`, `stale`); before that it is derived from what §2 gives: no file, or a file
 * downloaded since it became active, or not yet.
 */
import type { DeliveryState, FleetSummary, Machine } from "../api/types.ts";
import { deliveryStates } from "../api/types.ts";

export function deliveryState(machine: Machine): DeliveryState {
  if (machine.delivery) return machine.delivery.state;
  if (!machine.file) return "no_file";
  const downloaded = machine.lastDownloadAt !== null && machine.lastDownloadAt >= machine.file.activatedAt;
  return downloaded ? "downloaded" : "waiting";
}

/** true/false when the API says so (§6); undefined when it cannot be known. */
export function isStale(machine: Machine): boolean | undefined {
  return machine.stale;
}

export type Tone = "neutral" | "info" | "good" | "bad";

export const stateBadges: Record<DeliveryState, { label: string; tone: Tone; description: string }> = {
  no_file: { label: "No file", tone: "neutral", description: "No file is active for this machine." },
  waiting: { label: "Waiting", tone: "info", description: "The current file has not been downloaded yet." },
  downloaded: { label: "Downloaded", tone: "good", description: "The machine downloaded the current file." },
  installed: { label: "Installed", tone: "good", description: "The machine reported the current file installed." },
  failed: {
    label: "Failed",
    tone: "bad",
    description: "The machine reported that installing the current file failed.",
  },
};

/** The summary GET /fleet gives, computed from the machine list when the API has no /fleet. */
export function summarize(machines: Machine[], now: Date): FleetSummary {
  const states = Object.fromEntries(deliveryStates.map((state) => [state, 0])) as Record<DeliveryState, number>;
  let stale = 0;
  for (const machine of machines) {
    states[deliveryState(machine)] += 1;
    if (isStale(machine)) stale += 1;
  }
  return { machines: machines.length, states, stale, rejectedUploads24h: null, updatedAt: now.toISOString() };
}

/** Machines whose current file reached them: downloaded or installed. */
export function upToDate(summary: FleetSummary): number {
  return summary.states.downloaded + summary.states.installed;
}

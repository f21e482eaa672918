import type { Machine, UploadStatus } from "../api/types.ts";
import { deliveryState, stateBadges } from "../lib/delivery.ts";

export function StateBadge({ machine }: { machine: Machine }) {
  const badge = stateBadges[deliveryState(machine)];
  const message = machine.delivery?.message;
  return (
    <span className={`badge ${badge.tone}`} title={message ? `${badge.description} ${message}` : badge.description}>
      {badge.label}
    </span>
  );
}

export function StaleTag({ machine }: { machine: Machine }) {
  if (machine.stale !== true) return null;
  return (
    <span className="badge warn" title="Not seen within the stale period.">
      Stale
    </span>
  );
}

const uploadTones: Record<UploadStatus, string> = {
  pending: "info",
  active: "good",
  superseded: "neutral",
  rejected: "bad",
  expired: "neutral",
};

export function UploadStatusBadge({ status, reason }: { status: UploadStatus; reason?: string | undefined }) {
  return (
    <span className={`badge ${uploadTones[status]}`} title={reason}>
      {status}
      {reason && <span className="visually-hidden">: {reason}</span>}
    </span>
  );
}

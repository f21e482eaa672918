/** The webhook events and their bodies: `{id, event, machineId, uploadId?, at, text, ...details}`. */
export type EventName =
  | "upload.activated"
  | "upload.rejected"
  | "machine.downloaded"
  | "machine.installed"
  | "machine.failed"
  | "machine.stale";

export interface Event {
  /**
   * Identifies the change, the same however often it is emitted or sent: the receiver's key for
   * dropping duplicates. Built from the event name and what changed, never from a clock.
   */
  id: string;
  event: EventName;
  machineId: string;
  uploadId?: string;
  /** When the change happened (ISO 8601 UTC). */
  at: string;
  /** One line for people: what a chat channel shows. */
  text: string;
  [detail: string]: unknown;
}

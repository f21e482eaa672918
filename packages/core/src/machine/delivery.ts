/** A machine's delivery state and staleness, derived from its item (pure: the clock is a parameter). */
import type { Delivery, DeliveryState, Item } from "./schema.ts";

export function deliveryOf(item: Pick<Item, "file" | "delivery">): Delivery {
  if (!item.file) return { uploadId: null, state: "no_file" };
  // An item written before delivery tracking, or a delivery of another file, counts as not downloaded.
  const stored = item.delivery?.uploadId === item.file.uploadId ? item.delivery : undefined;
  const state: DeliveryState = stored?.status ?? (stored?.downloadedAt ? "downloaded" : "waiting");
  const delivery: Delivery = { uploadId: item.file.uploadId, state };
  if (stored?.downloadedAt) delivery.downloadedAt = stored.downloadedAt;
  if (stored?.reportedAt) delivery.reportedAt = stored.reportedAt;
  if (stored?.message !== undefined) delivery.message = stored.message;
  if (stored?.exitCode !== undefined) delivery.exitCode = stored.exitCode;
  return delivery;
}

/** The ISO time before which a lastSeenAt is stale. */
export function staleCutoff(now: Date, staleAfterSeconds: number): string {
  return new Date(now.getTime() - staleAfterSeconds * 1000).toISOString();
}

/** Stale: never seen, or last seen longer than `staleAfterSeconds` ago. */
export function isStale(lastSeenAt: string | null | undefined, now: Date, staleAfterSeconds: number): boolean {
  return !lastSeenAt || lastSeenAt < staleCutoff(now, staleAfterSeconds);
}

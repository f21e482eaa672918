/**
 * How processing an object ends, once it is decided: the upload becomes current (and older objects
 * go), is superseded, is rejected, or goes with its removed machine. Statuses are written before
 * objects are deleted, so a crash between two steps is redone when the same key is processed again.
 */
import type { log as rootLog } from "../log/index.ts";
import * as Machine from "../machine/machine.ts";
import * as ObjectKey from "../object-key/object-key.ts";
import * as Outbox from "../outbox/outbox.ts";
import * as Storage from "../storage/storage.ts";
import type { Item, Status } from "./schema.ts";
import * as Store from "./store.ts";

/** The fault hook of the reliability tests: called after each step with its name; may throw there. */
export type Step = (name: string) => void | Promise<void>;

/** "removed": the upload's machine (that registration of its id) is gone, so its record and object are too. */
export type Outcome = "foreign" | "missing" | "active" | "removed" | Exclude<Status, "pending" | "active">;

export type Log = typeof rootLog;

/** The upload is current: record it, then delete every older object of the machine. */
export async function finish(upload: Item, log: Log, step: Step, activatedAt: string): Promise<Outcome> {
  // Stryker disable next-line ConditionalExpression: an optimisation: an active upload fails the write, reads active
  if (upload.status === "pending") {
    const marked = await Store.transition(upload.uploadId, { to: "active", from: ["pending"], activatedAt });
    await step("marked-active");
    if (!marked) {
      // A newer upload's clean-up got here first and superseded this one.
      const latest = await Store.get(upload.uploadId);
      if (latest.status !== "active") return latest.status as Outcome;
    }
  }
  for await (const object of Storage.list(ObjectKey.machinePrefix(upload.machineId))) {
    const other = ObjectKey.parse(object.key);
    if (!other) {
      await Storage.remove(object.key);
      // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
      log.warn("deleted an object that no upload declared", { key: object.key });
    } else if (other.uploadId < upload.uploadId) {
      await retire(other.uploadId, object.key, upload.uploadId, step);
    }
    // This upload's own object, and later uploads still in flight (left to their own events), stay.
  }
  return "active";
}

const supersededBy = (winner: string) => `Upload ${winner} was declared later and became the machine's file.`;

/** Marks an older upload superseded (if it still was pending or active), then deletes its object. */
export async function retire(uploadId: string, key: string, winner: string, step: Step): Promise<void> {
  await Store.transition(uploadId, { to: "superseded", from: ["pending", "active"], reason: supersededBy(winner) });
  // Stryker disable next-line StringLiteral: a fault-hook step name, named only by the reliability suite
  await step("marked-superseded");
  await Storage.remove(key);
  // Stryker disable next-line StringLiteral: a fault-hook step name, named only by the reliability suite
  await step("deleted-superseded-object");
}

export async function supersede(upload: Item, winner: string, log: Log, step: Step): Promise<Outcome> {
  await retire(upload.uploadId, upload.key, winner, step);
  // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
  log.info("superseded upload: a later-declared upload is current", { winner });
  return "superseded";
}

export function emitActivated(upload: Item, at: string, previousUploadId?: string): Promise<void> {
  return Outbox.emit({
    id: `upload.activated#${upload.uploadId}`,
    event: "upload.activated",
    machineId: upload.machineId,
    uploadId: upload.uploadId,
    at,
    text: `${upload.machineId}: ${upload.filename} (upload ${upload.uploadId}) is now its file`,
    filename: upload.filename,
    size: upload.size,
    sha256: upload.sha256,
    ...(previousUploadId ? { previousUploadId } : {}),
  });
}

export async function reject(upload: Item, reason: string, log: Log, step: Step): Promise<Outcome> {
  // Before the status: until the upload is `rejected`, processing it again rejects (and emits) again.
  await Outbox.emit({
    id: `upload.rejected#${upload.uploadId}`,
    event: "upload.rejected",
    machineId: upload.machineId,
    uploadId: upload.uploadId,
    at: new Date().toISOString(),
    text: `${upload.machineId}: upload ${upload.uploadId} (${upload.filename}) was rejected: ${reason}`,
    filename: upload.filename,
    reason,
  });
  await Store.transition(upload.uploadId, { to: "rejected", from: ["pending", "active"], reason });
  // Stryker disable next-line StringLiteral: a fault-hook step name, named only by the reliability suite
  await step("marked-rejected");
  // If these were the current file's bytes, changed after activation (a re-used policy): stop serving them.
  await Machine.clearFile(upload.machineId, upload.uploadId);
  await Storage.remove(upload.key);
  // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
  log.warn("rejected upload", { reason });
  return "rejected";
}

/** The machine (this registration of its id) is gone: its upload goes with it, object first. */
export async function removeOrphan(upload: Item, log: Log, step: Step): Promise<Outcome> {
  await Storage.remove(upload.key);
  // Stryker disable next-line StringLiteral: a fault-hook step name, named only by the reliability suite
  await step("deleted-orphan-object");
  await Store.deleteRecord(upload.uploadId);
  // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
  log.warn("removed an upload of a removed machine", { key: upload.key });
  return "removed";
}

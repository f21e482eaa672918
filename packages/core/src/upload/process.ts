/**
 * Step two of an upload: what happens when an object appears in the bucket. Called by the
 * ObjectCreated handler for every event and by the sweeper for objects whose event never came.
 *
 * Every step is idempotent and ordered so that a crash between any two steps converges when the
 * same key is processed again: statuses are written before objects are deleted, the machine's
 * current file is switched by one conditional write, and clean-up is derived from what is in the
 * bucket rather than remembered.
 *
 * `step` is a fault hook for the reliability tests: it is called between the steps with the name
 * of the step just done, and may throw there to simulate a crash. Production callers pass nothing.
 */
import { log as rootLog } from "../log/index.ts";
import * as Machine from "../machine/machine.ts";
import * as ObjectKey from "../object-key/object-key.ts";
import * as Outbox from "../outbox/outbox.ts";
import * as Storage from "../storage/storage.ts";
import { decide } from "./ordering.ts";
import type { Item, Status } from "./schema.ts";
import * as Store from "./store.ts";

export type Step = (name: string) => void | Promise<void>;
const noStep: Step = () => {};

/** "removed": the upload's machine (that registration of its id) is gone, so its record and object are too. */
export type Outcome = "foreign" | "missing" | "active" | "removed" | Exclude<Status, "pending" | "active">;

export async function processObject(key: string, step: Step = noStep): Promise<Outcome> {
  const parsed = ObjectKey.parse(key);
  const upload = parsed ? await Store.find(parsed.uploadId) : undefined;
  await step("read-upload");
  if (!parsed || !upload || upload.machineId !== parsed.machineId || upload.key !== key) {
    await Storage.remove(key);
    rootLog.warn("deleted an object that no upload declared", { key });
    return "foreign";
  }
  const log = rootLog.child({ machineId: upload.machineId, uploadId: upload.uploadId });

  if (upload.status === "rejected" || upload.status === "expired" || upload.status === "superseded") {
    await Storage.remove(key);
    return upload.status;
  }

  const object = await Storage.head(key);
  if (!object) return "missing";
  await step("read-object");

  const machine = await Machine.find(upload.machineId);
  await step("read-machine");
  if (!machine || machine.incarnation !== upload.incarnation) return removeOrphan(upload, log, step);

  const decision = decide(machine.file?.uploadId, upload.uploadId);
  if (decision === "superseded") return supersede(upload, machine.file!.uploadId, log, step);
  if (decision === "already-current" && machine.file!.etag === object.etag) {
    // Activated before a crash that came before the status change: the event may not have been emitted.
    if (upload.status === "pending") await emitActivated(upload, machine.file!.activatedAt);
    return finish(upload, log, step, machine.file!.activatedAt);
  }

  const headers = storedHeadersProblem(upload, object);
  if (headers) return reject(upload, headers, log, decision, step);
  if (object.size !== upload.size) {
    const reason = `Stored size ${object.size} bytes differs from the declared ${upload.size} bytes.`;
    return reject(upload, reason, log, decision, step);
  }
  const sha256 = object.checksumSha256 ?? (await Storage.sha256Of(key));
  if (sha256 === undefined) return "missing";
  await step("verified");
  if (sha256 !== upload.sha256) {
    const reason = `Stored bytes have sha256 ${sha256}, not the declared ${upload.sha256}.`;
    return reject(upload, reason, log, decision, step);
  }

  const activatedAt = new Date().toISOString();
  const activation = await Machine.activate(upload.machineId, upload.incarnation, {
    uploadId: upload.uploadId,
    filename: upload.filename,
    size: upload.size,
    sha256: upload.sha256,
    contentType: upload.contentType,
    activatedAt,
    key,
    etag: object.etag,
  });
  await step("activated");
  switch (activation.outcome) {
    case "machine-missing":
      return removeOrphan(upload, log, step);
    case "newer-current":
      return supersede(upload, activation.current.uploadId, log, step);
    case "activated":
      log.info("activated upload", { previousUploadId: activation.previous?.uploadId });
      // Before the upload leaves `pending`: a crash until then is redone, and emits again, by redelivery or the sweeper.
      await emitActivated(upload, activatedAt, activation.previous?.uploadId);
      if (activation.previous) {
        await retire(activation.previous.uploadId, activation.previous.key, upload.uploadId, step);
      }
      return finish(upload, log, step, activatedAt);
    case "already-current":
      if (upload.status === "pending") await emitActivated(upload, machine.file?.activatedAt ?? activatedAt);
      return finish(upload, log, step, machine.file?.activatedAt ?? activatedAt);
  }
}

/**
 * Defence in depth: S3 enforces the policy's exact Content-Type and Content-Disposition, but if an
 * object carries others (a policy that was not ours, a stand-in that let it through), it is not
 * served with headers the admin did not declare.
 */
function storedHeadersProblem(upload: Item, object: Storage.StoredObject): string | undefined {
  if (object.contentType !== upload.contentType) {
    return `Stored Content-Type ${JSON.stringify(object.contentType ?? null)} differs from the declared ${JSON.stringify(upload.contentType)}.`;
  }
  const disposition = Storage.attachment(upload.filename);
  if (object.contentDisposition !== disposition) {
    return `Stored Content-Disposition ${JSON.stringify(object.contentDisposition ?? null)} differs from the declared ${JSON.stringify(disposition)}.`;
  }
  return undefined;
}

/** The upload is current: record it, then delete every older object of the machine. */
async function finish(
  upload: Item,
  log: typeof rootLog,
  step: Step,
  activatedAt = upload.activatedAt,
): Promise<Outcome> {
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
    if (object.key === upload.key) continue;
    const other = ObjectKey.parse(object.key);
    if (!other) {
      await Storage.remove(object.key);
      log.warn("deleted an object that no upload declared", { key: object.key });
    } else if (other.uploadId < upload.uploadId) {
      await retire(other.uploadId, object.key, upload.uploadId, step);
    }
    // Later uploads still in flight are left to their own events.
  }
  return "active";
}

const supersededBy = (winner: string) => `Upload ${winner} was declared later and became the machine's file.`;

/** Marks an older upload superseded (if it still was pending or active), then deletes its object. */
async function retire(uploadId: string, key: string, winner: string, step: Step): Promise<void> {
  await Store.transition(uploadId, { to: "superseded", from: ["pending", "active"], reason: supersededBy(winner) });
  await step("marked-superseded");
  await Storage.remove(key);
  await step("deleted-superseded-object");
}

async function supersede(upload: Item, winner: string, log: typeof rootLog, step: Step): Promise<Outcome> {
  await retire(upload.uploadId, upload.key, winner, step);
  log.info("superseded upload: a later-declared upload is current", { winner });
  return "superseded";
}

function emitActivated(upload: Item, at: string, previousUploadId?: string): Promise<void> {
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

async function reject(
  upload: Item,
  reason: string,
  log: typeof rootLog,
  decision: string,
  step: Step,
): Promise<Outcome> {
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
  await step("marked-rejected");
  // Bytes of the current file changed after activation (a re-used policy): stop serving them.
  if (decision === "already-current") await Machine.clearFile(upload.machineId, upload.uploadId);
  await Storage.remove(upload.key);
  log.warn("rejected upload", { reason });
  return "rejected";
}

/** The machine (this registration of its id) is gone: its upload goes with it, object first. */
async function removeOrphan(upload: Item, log: typeof rootLog, step: Step): Promise<Outcome> {
  await Storage.remove(upload.key);
  await step("deleted-orphan-object");
  await Store.deleteRecord(upload.uploadId);
  log.warn("removed an upload of a removed machine", { key: upload.key });
  return "removed";
}

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
import * as Storage from "../storage/storage.ts";
import { decide } from "./ordering.ts";
import { emitActivated, finish, type Outcome, reject, removeOrphan, retire, type Step, supersede } from "./settle.ts";
import * as Store from "./store.ts";
import { verify } from "./verify.ts";

export type { Outcome, Step };

const noStep: Step = () => {};

export async function processObject(key: string, step: Step = noStep): Promise<Outcome> {
  const parsed = ObjectKey.parse(key);
  const upload = parsed ? await Store.find(parsed.uploadId) : undefined;
  // Stryker disable next-line StringLiteral: a fault-hook step name, named only by the reliability suite
  await step("read-upload");
  // The key names its machine, so a record with this very key is of the machine the key names.
  if (!parsed || !upload || upload.key !== key) {
    await Storage.remove(key);
    // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
    rootLog.warn("deleted an object that no upload declared", { key });
    return "foreign";
  }
  // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral: a log line, for people; no contract
  const log = rootLog.child({ machineId: upload.machineId, uploadId: upload.uploadId });

  if (upload.status === "rejected" || upload.status === "expired" || upload.status === "superseded") {
    await Storage.remove(key);
    return upload.status;
  }

  const object = await Storage.head(key);
  if (!object) return "missing";
  await step("read-object");

  const machine = await Machine.find(upload.machineId);
  // Stryker disable next-line StringLiteral: a fault-hook step name, named only by the reliability suite
  await step("read-machine");
  if (!machine || machine.incarnation !== upload.incarnation) return removeOrphan(upload, log, step);

  const decision = decide(machine.file?.uploadId, upload.uploadId);
  if (decision === "superseded") return supersede(upload, machine.file!.uploadId, log, step);
  if (decision === "already-current" && machine.file!.etag === object.etag) {
    // Activated before a crash that came before the status change: the event may not have been emitted.
    if (upload.status === "pending") await emitActivated(upload, machine.file!.activatedAt);
    return finish(upload, log, step, machine.file!.activatedAt);
  }

  const verdict = await verify(upload, object, step);
  if (verdict === "missing") return "missing";
  if (verdict !== "verified") return reject(upload, verdict.mismatch, log, step);

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
      // Stryker disable next-line CallExpression,StringLiteral,ObjectLiteral,OptionalChaining: a log line, no contract
      log.info("activated upload", { previousUploadId: activation.previous?.uploadId });
      // Before the upload leaves `pending`: a crash until then is redone, and emits again, by redelivery or the sweeper.
      await emitActivated(upload, activatedAt, activation.previous?.uploadId);
      if (activation.previous) {
        await retire(activation.previous.uploadId, activation.previous.key, upload.uploadId, step);
      }
      return finish(upload, log, step, activatedAt);
    case "already-current":
      // A concurrent processing of this upload activated it: its time is the activation's.
      if (upload.status === "pending") await emitActivated(upload, activation.current.activatedAt);
      return finish(upload, log, step, activation.current.activatedAt);
  }
}

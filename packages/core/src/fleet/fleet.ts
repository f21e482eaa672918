/**
 * Work across a machine and its uploads, above both. Removing a machine:
 *   1. writes a removal marker naming the machine's registration (its incarnation),
 *   2. deletes the machine record, so its token stops working at once,
 *   3. for each upload of that registration: deletes its object, then its record,
 *   4. deletes that registration's download log,
 *   5. deletes the marker.
 * A crash between any two steps leaves the marker, and the sweeper finishes the removal
 * (`finishRemoval`), so no record of a removed machine outlives the next sweep. Uploads declared
 * while the removal ran are caught by the sweeper too (their machine's registration is gone).
 * A re-registered id gets a new incarnation, hence an empty history and download log, whatever is
 * still being swept. Webhooks already in the outbox are still sent.
 *
 * `step` is a fault hook for the reliability tests (see Upload.processObject); production passes none.
 */
import { MachineNotFoundError } from "../error/index.ts";
import * as Machine from "../machine/machine.ts";
import * as Storage from "../storage/storage.ts";
import * as Upload from "../upload/upload.ts";
import * as Removals from "./removals.ts";

export { Removal } from "./removals.ts";

const noStep: Upload.Step = () => {};

export async function removeMachine(machineId: string, step: Upload.Step = noStep): Promise<void> {
  const machine = await Machine.get(machineId);
  const removal = { machineId, incarnation: machine.incarnation, startedAt: new Date().toISOString() };
  await Removals.begin(removal);
  await step("marked-removal");
  const deleted = await Machine.deleteRecord(machineId, machine.incarnation);
  await step("deleted-machine");
  await finishRemoval(removal, step);
  // Someone else removed (or re-registered) it between our read and our delete.
  if (!deleted) throw new MachineNotFoundError(machineId);
}

/**
 * Finishes a removal whatever step it stopped at. Idempotent. If the machine record is still there
 * (the crash came before step 2), it is deleted now: the admin asked for the removal.
 */
export async function finishRemoval(removal: Removals.Removal, step: Upload.Step = noStep): Promise<void> {
  await Machine.deleteRecord(removal.machineId, removal.incarnation);
  for await (const upload of Upload.allForMachine(removal.machineId, removal.incarnation)) {
    await Storage.remove(upload.key);
    await step("deleted-object");
    await Upload.deleteRecord(upload.uploadId);
    await step("deleted-record");
  }
  await Machine.removeDownloads(removal);
  await Removals.end(removal);
  await step("unmarked-removal");
}

/** Removals cut short, for the sweeper: stored items, parsed one by one by the caller. */
export const unfinishedRemovals = Removals.allRecords;
export const parseRemoval = (raw: unknown) => Removals.Removal.parse(raw);

export { type Summary, summary } from "./summary.ts";

/**
 * Work across a machine and its uploads, above both: removing a machine removes its record first
 * (so its token stops working at once), then its objects, its upload history and its download log.
 * A crash part-way leaves only objects, which the sweeper deletes, and log entries, which expire.
 */
import { Machine } from "../machine/index.ts";
import { ObjectKey } from "../object-key/index.ts";
import { Storage } from "../storage/index.ts";
import { Upload } from "../upload/index.ts";

export async function removeMachine(machineId: string): Promise<void> {
  await Machine.deleteRecord(machineId);
  for await (const object of Storage.list(ObjectKey.machinePrefix(machineId))) await Storage.remove(object.key);
  for await (const upload of Upload.allForMachine(machineId)) await Upload.deleteRecord(upload.uploadId);
  await Machine.removeDownloads(machineId);
}

export { type Summary, summary } from "./summary.ts";

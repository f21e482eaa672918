/**
 * Work across a machine and its uploads, above both: removing a machine removes its record first
 * (so its token stops working at once), then its objects and its upload history. A crash part-way
 * leaves only objects, which the sweeper deletes.
 */
import { Machine } from "../machine/index.ts";
import { ObjectKey } from "../object-key/index.ts";
import { Storage } from "../storage/index.ts";
import { Upload } from "../upload/index.ts";

export async function removeMachine(machineId: string): Promise<void> {
  await Machine.deleteRecord(machineId);
  for await (const object of Storage.list(ObjectKey.machinePrefix(machineId))) await Storage.remove(object.key);
  for await (const upload of Upload.allForMachine(machineId)) await Upload.deleteRecord(upload.uploadId);
}

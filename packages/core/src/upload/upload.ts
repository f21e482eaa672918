export { declare } from "./declare.ts";
export { type Outcome, processObject, type Step } from "./process.ts";
export * from "./schema.ts";
export {
  allForMachine,
  allPendingRecords,
  countRejectedSince,
  deleteRecord,
  find,
  get,
  listForMachine,
  toUpload,
  transition,
} from "./store.ts";

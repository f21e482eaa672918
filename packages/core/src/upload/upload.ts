export * from "./schema.ts";
export { declare } from "./declare.ts";
export { processObject, type Outcome, type Step } from "./process.ts";
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

export * from "./schema.ts";
export { declare } from "./declare.ts";
export { processObject, type Outcome } from "./process.ts";
export { allForMachine, allPending, countRejectedSince, deleteRecord, find, get, listForMachine, toUpload, transition } from "./store.ts";

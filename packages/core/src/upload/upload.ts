export * from "./schema.ts";
export { declare } from "./declare.ts";
export { processObject, type Outcome } from "./process.ts";
export { decide } from "./ordering.ts";
export { get, find, listForMachine, allPending, allForMachine, transition, deleteRecord, toUpload } from "./store.ts";

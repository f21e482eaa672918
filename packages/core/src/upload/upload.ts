export * from "./schema.ts";
export { declare } from "./declare.ts";
export { processObject, type Outcome } from "./process.ts";
export { get, listForMachine, allPending, transition, toUpload } from "./store.ts";

/** Machines: their records (./registry.ts), tokens (./credentials.ts) and current file (./file.ts). */
export * from "./schema.ts";
export { authenticate, rotateToken } from "./credentials.ts";
export { type Activation, activate, clearFile, type Reservation, reserveUploadId } from "./file.ts";
export { currentKeys, deleteRecord, find, get, list, recordDownload, register, toInfo } from "./registry.ts";

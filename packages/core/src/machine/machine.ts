/**
 * Machines: their records (./registry.ts, ./list.ts), tokens (./credentials.ts), current file
 * (./file.ts), the writes of a poll (./poll.ts), the download log (./downloads.ts) and of a report (./report.ts), and the derived
 * delivery state (./delivery.ts).
 */

export { authenticate, rotateToken, verify } from "./credentials.ts";
export { deliveryOf, isStale, staleCutoff } from "./delivery.ts";
export { DownloadEntry, listDownloads, recordDownload, removeDownloads } from "./downloads.ts";
export { type Activation, activate, clearFile, type Reservation, reserveUploadId } from "./file.ts";
export { type ListFilter, list } from "./list.ts";
export { countDownload, ensureDelivery, touchLastSeen } from "./poll.ts";
export { all, currentKeys, deleteRecord, find, get, register, toInfo } from "./registry.ts";
export { recordReport, reportKey } from "./report.ts";
export * from "./schema.ts";

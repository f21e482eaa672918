export { MachineId, Sha256, UploadId } from "./schema.ts";
export { ContentType, isDisplaySafe, noControlsMessage } from "./text.ts";
export * as Ulid from "./ulid.ts";

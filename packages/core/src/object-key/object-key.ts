/**
 * Object key layout: files/{machineId}/{uploadId}{ext}. The extension is the filename's, lowercased
 * and restricted to [a-z0-9.], so keys never need escaping and carry no user-controlled path.
 */
import { MachineId, Ulid } from "../id/index.ts";

/** Every object of ours lives under this prefix (infra scopes the functions' S3 grants to it). */
export const prefix = "files/";
const layout = new RegExp(`^${prefix}([^/]+)/([0-9A-Z]{26})(\\.[a-z0-9.]*)?$`);

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  if (dot <= 0) return "";
  const ext = filename
    .slice(dot + 1)
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, "");
  return ext ? `.${ext.slice(0, 16)}` : "";
}

export function forUpload(machineId: string, uploadId: string, filename: string): string {
  return `${prefix}${machineId}/${uploadId}${extensionOf(filename)}`;
}

export function machinePrefix(machineId: string): string {
  return `${prefix}${machineId}/`;
}

export interface ParsedKey {
  machineId: string;
  uploadId: string;
}

/** Parses a key of our layout; undefined for anything else. */
export function parse(key: string): ParsedKey | undefined {
  const match = layout.exec(key);
  if (!match) return undefined;
  const [, machineId, uploadId] = match;
  if (!MachineId.safeParse(machineId).success || !Ulid.pattern.test(uploadId!)) return undefined;
  return { machineId: machineId!, uploadId: uploadId! };
}

/** S3 event notifications URL-encode keys (form encoding: space as "+"). */
export function fromEventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, " "));
}

/** Helpers for the upload-processing tests: random bytes, a declared upload whose bytes are stored, its status. */
import { randomBytes } from "node:crypto";
import { Upload } from "../upload/index.ts";
import { declare, putObject } from "./index.ts";

export const bytes = (n = 64) => randomBytes(n);

/** Declares an upload of `content` for the machine and stores its bytes, as a completed POST does. */
export async function completed(machineId: string, content = bytes()) {
  const intent = await declare(machineId, content);
  await putObject(intent.key, content);
  return { intent, content };
}

export async function statusOf(uploadId: string) {
  return (await Upload.get(uploadId)).status;
}

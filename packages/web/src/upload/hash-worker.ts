/**
 * SHA-256 of a File in a Web Worker with hash-wasm: read slice by slice, so a 5 GiB file never
 * sits in memory and the page stays responsive. Posts progress, then the hex digest.
 */
import { createSHA256 } from "hash-wasm";

export type HashRequest = { file: File };
export type HashMessage =
  | { type: "progress"; done: number }
  | { type: "done"; sha256: string }
  | { type: "error"; message: string };

const CHUNK = 8 * 1024 * 1024;

self.onmessage = async (event: MessageEvent<HashRequest>) => {
  const post = (message: HashMessage) => self.postMessage(message);
  try {
    const { file } = event.data;
    const hasher = await createSHA256();
    hasher.init();
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
      hasher.update(chunk);
      post({ type: "progress", done: Math.min(offset + CHUNK, file.size) });
    }
    post({ type: "done", sha256: hasher.digest("hex") });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};

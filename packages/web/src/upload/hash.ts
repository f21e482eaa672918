/** Hashes a file in its own worker; aborting the signal terminates the worker at once. */
import type { HashMessage, HashRequest } from "./hash-worker.ts";

export class CancelledError extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "CancelledError";
  }
}

export function hashFile(file: File, onProgress: (done: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const worker = new Worker(new URL("./hash-worker.ts", import.meta.url), { type: "module" });
    const finish = () => {
      worker.terminate();
      signal.removeEventListener("abort", abort);
    };
    const abort = () => {
      finish();
      reject(new CancelledError());
    };
    signal.addEventListener("abort", abort);
    worker.onmessage = (event: MessageEvent<HashMessage>) => {
      const message = event.data;
      if (message.type === "progress") onProgress(message.done);
      else if (message.type === "done") {
        finish();
        resolve(message.sha256);
      } else {
        finish();
        reject(new Error(`Could not read the file: ${message.message}`));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`The hashing worker failed: ${event.message}`));
    };
    worker.postMessage({ file } satisfies HashRequest);
  });
}

/**
 * SHA-256 on a worker thread, so hashing a download runs beside the main thread's HTTP parsing
 * and file writes instead of after them: on a 2-core host that is the difference between one core
 * doing everything and two sharing it. Chunks are copied to the worker in order; `digest()` answers
 * once every chunk posted before it is hashed.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";

// Evaluated as CommonJS by the worker: no file to ship beside the one-file CLI.
const source = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
let hash = createHash("sha256");
parentPort.on("message", (message) => {
  if (message === "reset") hash = createHash("sha256");
  else if (message === "digest") parentPort.postMessage(hash.digest("hex"));
  else hash.update(message);
});
`;

export class BackgroundHash {
  readonly #worker = new Worker(source, { eval: true });

  /** Hashes `chunk` after every earlier one. A chunk that owns its whole memory is moved, not copied. */
  update(chunk: Uint8Array): void {
    const owned =
      chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer;
    this.#worker.postMessage(chunk, owned ? [chunk.buffer as ArrayBuffer] : []);
  }

  reset(): void {
    this.#worker.postMessage("reset");
  }

  async digest(): Promise<string> {
    const answer = once(this.#worker, "message");
    this.#worker.postMessage("digest");
    const [hex] = (await answer) as [string];
    return hex;
  }

  close(): Promise<number> {
    return this.#worker.terminate();
  }
}

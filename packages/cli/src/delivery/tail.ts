/** The last bytes of a stream's output, cut on a UTF-8 character boundary (a report's message). */
export const REPORT_MESSAGE_MAX_BYTES = 2048;

/** Keeps only the newest `max` bytes seen, so a chatty hook costs no more memory than that. */
export class TailBuffer {
  #chunks: Buffer[] = [];
  #size = 0;
  readonly #max: number;

  constructor(max = REPORT_MESSAGE_MAX_BYTES) {
    this.#max = max;
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#chunks.length > 1 && this.#size - this.#chunks[0]!.length >= this.#max) {
      this.#size -= this.#chunks.shift()!.length;
    }
  }

  text(): string {
    return utf8Tail(Buffer.concat(this.#chunks), this.#max);
  }
}

/** The last ≤ max bytes of `bytes` as text, starting on a character boundary (never a split character). */
export function utf8Tail(bytes: Buffer, max = REPORT_MESSAGE_MAX_BYTES): string {
  let start = Math.max(0, bytes.length - max);
  // Skip continuation bytes (10xxxxxx): they belong to a character whose start was cut off.
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  const text = bytes.subarray(start).toString("utf8");
  // Invalid bytes from the hook decode to U+FFFD (3 bytes each): trim until the text fits again.
  let out = text;
  while (Buffer.byteLength(out, "utf8") > max) out = out.slice(1);
  return out;
}

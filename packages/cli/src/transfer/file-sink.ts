/**
 * Writes a download to a file while it arrives: chunks are batched into ~1 MiB positional writes,
 * several in flight on libuv's pool while the caller goes on hashing, with a bound on the bytes
 * held in memory. Written ranges are flushed to disk as it goes (one fdatasync at a time, every
 * 64 MiB), so the fsync before the rename has little left to do. A short write is continued, not
 * an error.
 */
export interface PositionalFile {
  writev(buffers: Buffer[], position: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
}

const BATCH_BYTES = 1024 * 1024;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;

export class FileSink {
  readonly #file: PositionalFile;
  #position = 0;
  #batchAt = 0;
  #batch: Buffer[] = [];
  #batchBytes = 0;
  #buffered = 0;
  readonly #inflight = new Set<Promise<void>>();
  #failure: unknown;
  #unsynced = 0;
  #syncing: Promise<void> | undefined;
  #roomWaiters: Array<() => void> = [];

  constructor(file: PositionalFile) {
    this.#file = file;
  }

  /** Bytes accepted so far; once `drain()` resolves, they are all in the file. */
  get position(): number {
    return this.#position;
  }

  /** Takes a chunk; returns a promise when the caller should wait for room before the next. */
  write(chunk: Buffer): Promise<void> | undefined {
    if (this.#failure) throw this.#failure;
    this.#batch.push(chunk);
    this.#batchBytes += chunk.length;
    this.#position += chunk.length;
    this.#buffered += chunk.length;
    if (this.#batchBytes >= BATCH_BYTES) this.#flushBatch();
    if (this.#buffered <= MAX_BUFFERED_BYTES) return undefined;
    return new Promise((resolve) => this.#roomWaiters.push(resolve));
  }

  /** Every accepted byte written (not yet durable); throws the first write failure. */
  async drain(): Promise<void> {
    this.#flushBatch();
    while (this.#inflight.size > 0) await Promise.all(this.#inflight);
    if (this.#failure) throw this.#failure;
  }

  /** Start again from byte 0 (a server that ignored the Range, or another file). */
  async restart(): Promise<void> {
    await this.drain();
    await this.#file.truncate(0);
    this.#position = 0;
    this.#batchAt = 0;
  }

  /** Everything written and on disk. */
  async finish(): Promise<void> {
    await this.drain();
    await this.#syncing;
    await this.#file.datasync();
  }

  #flushBatch(): void {
    if (this.#batchBytes === 0) return;
    const buffers = this.#batch;
    const length = this.#batchBytes;
    const position = this.#batchAt;
    this.#batch = [];
    this.#batchBytes = 0;
    this.#batchAt += length;
    const write = writeFully(this.#file, buffers, position).then(
      () => this.#written(length),
      (error: unknown) => {
        this.#failure ??= error;
      },
    );
    this.#inflight.add(write);
    void write.finally(() => {
      this.#inflight.delete(write);
      this.#buffered -= length;
      if (this.#buffered <= MAX_BUFFERED_BYTES) this.#roomWaiters.splice(0).forEach((resolve) => resolve());
    });
  }

  #written(length: number): void {
    this.#unsynced += length;
    if (this.#unsynced < SYNC_EVERY_BYTES || this.#syncing) return;
    this.#unsynced = 0;
    this.#syncing = this.#file.datasync().then(
      () => {
        this.#syncing = undefined;
      },
      (error: unknown) => {
        this.#syncing = undefined;
        this.#failure ??= error;
      },
    );
  }
}

/** writev until every byte is in: a short write continues from where it stopped. */
export async function writeFully(file: PositionalFile, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await file.writev(rest, at);
    if (bytesWritten <= 0) throw new Error(`writing at byte ${at} made no progress`);
    at += bytesWritten;
    rest = skipBytes(rest, bytesWritten);
  }
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  const out: Buffer[] = [];
  for (const buffer of buffers) {
    if (left >= buffer.length) left -= buffer.length;
    else {
      out.push(left > 0 ? buffer.subarray(left) : buffer);
      left = 0;
    }
  }
  return out;
}

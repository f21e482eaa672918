/**
 * The dashboard's first load: index.html and every script, module preload and stylesheet it
 * references, each gzipped (level 6, a CDN's usual). The hashing worker loads only when an upload
 * starts and is reported apart. `npm run bench:web` prints it; a test holds it to the budget.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { distDir } from "./ensure-built.ts";

export const BUDGET_BYTES = 150 * 1024;

export interface BundleSize {
  files: { file: string; bytes: number; gzipBytes: number }[];
  firstLoadGzipBytes: number;
  workerGzipBytes: number;
}

const gzipped = (content: Buffer) => gzipSync(content, { level: 6 }).length;

export async function measureFirstLoad(dir = distDir): Promise<BundleSize> {
  const html = await readFile(join(dir, "index.html"));
  const referenced = [...html.toString().matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((match) => match[1]!);
  const files = [{ file: "index.html", bytes: html.length, gzipBytes: gzipped(html) }];
  for (const file of new Set(referenced)) {
    const content = await readFile(join(dir, file));
    files.push({ file, bytes: content.length, gzipBytes: gzipped(content) });
  }
  const workers = (await readdir(join(dir, "assets"))).filter((name) => name.startsWith("hash-worker"));
  let workerGzipBytes = 0;
  for (const worker of workers) workerGzipBytes += gzipped(await readFile(join(dir, "assets", worker)));
  return { files, firstLoadGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), workerGzipBytes };
}

if (import.meta.main) {
  const { ensureBuilt } = await import("./ensure-built.ts");
  await ensureBuilt((line) => process.stderr.write(`${line}\n`));
  const size = await measureFirstLoad();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const file of size.files)
    console.log(`${file.file.padEnd(40)} ${kb(file.bytes).padStart(10)} ${kb(file.gzipBytes).padStart(10)} gzip`);
  console.log(`first load: ${kb(size.firstLoadGzipBytes)} gzip (budget ${kb(BUDGET_BYTES)})`);
  console.log(`hashing worker: ${kb(size.workerGzipBytes)} gzip, loaded when an upload starts`);
}

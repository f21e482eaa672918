/**
 * What the machine already has at <path>: its sha256, cached in a sidecar file beside it so a poll
 * does not rehash a large file. The cache is trusted only while the file's size, mtime and inode
 * are the ones recorded; any change and the file is hashed again.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { sha256File } from "./hash.ts";

interface Cached {
  sha256: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

export function cachePath(path: string): string {
  return join(dirname(path), `.${basename(path)}.fleetdrop.json`);
}

export async function currentSha256(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const cached = await readFile(cachePath(path), "utf8")
    .then((text) => JSON.parse(text) as Cached)
    .catch(() => undefined);
  if (
    cached &&
    cached.size === info.size &&
    cached.mtimeMs === info.mtimeMs &&
    cached.ino === info.ino &&
    /^[0-9a-f]{64}$/.test(cached.sha256)
  ) {
    return cached.sha256;
  }
  const sha256 = await sha256File(path);
  await remember(path, sha256);
  return sha256;
}

export async function remember(path: string, sha256: string): Promise<void> {
  const info = await stat(path);
  const cached: Cached = { sha256, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
  await writeFile(cachePath(path), `${JSON.stringify(cached)}\n`).catch(() => undefined);
}

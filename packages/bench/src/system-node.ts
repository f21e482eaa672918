/**
 * The machine's own Node, outside npm's PATH (where the project's Node 24 comes first): what a
 * fleet machine runs the one-file CLI with. Falls back to this process's Node.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export function systemNode(): { path: string; version: string } {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((dir) => dir && !dir.includes("node_modules"));
  for (const dir of [...dirs, "/usr/local/bin", "/usr/bin"]) {
    const path = join(dir, "node");
    if (existsSync(path)) return { path, version: execFileSync(path, ["--version"], { encoding: "utf8" }).trim() };
  }
  return { path: process.execPath, version: process.version };
}

/**
 * One running stack per data dir: the stand-ins' files (LevelDB above all) cannot be shared, and a
 * second stack would otherwise die deep inside dynalite. A pid file claims the dir; a stale one
 * (its process gone) is taken over.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export class DataDirInUseError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, "stack.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: "wx" });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new DataDirInUseError(
          `${dataDir} is in use by another running stack (pid ${owner}); stop it or set FLEETDROP_DATA_DIR.`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not claim ${dataDir}.`);
}

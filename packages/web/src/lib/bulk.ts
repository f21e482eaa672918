/**
 * Bulk upload's preview: which dropped files go to which machine, by the CLI's upload-dir rule
 * (`<machineId>.<ext>` or `<machineId>`), shared with the CLI so both always agree.
 */
import { matchFiles } from "@fleetdrop/cli/fleet-files";

export interface Planned<F> {
  file: F;
  name: string;
  machineId: string;
}
export interface Unmatched<F> {
  file: F;
  name: string;
  problem: string;
}

export function planBulk<F extends { name: string }>(files: F[], machineIds: Iterable<string>) {
  const matches = matchFiles(
    files.map((file) => file.name),
    new Set(machineIds),
  );
  const planned: Planned<F>[] = [];
  const unmatched: Unmatched<F>[] = [];
  matches.forEach((match, index) => {
    const file = files[index]!;
    if ("machineId" in match) planned.push({ file, name: file.name, machineId: match.machineId });
    else unmatched.push({ file, name: file.name, problem: match.problem });
  });
  return { planned, unmatched };
}

/** Runs tasks with at most `limit` in flight; resolves when all have settled. */
export async function runBounded<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

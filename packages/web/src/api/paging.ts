/** Every machine, following the API's cursor until it runs out; the screens never see pages. */
import type { Machine, MachinePage } from "./types.ts";

/** A bound so a cursor that never ends (a server bug) cannot spin the tab forever. */
const MAX_PAGES = 1000;

export async function allMachines(listPage: (cursor: string | null) => Promise<MachinePage>): Promise<Machine[]> {
  const machines: Machine[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result: MachinePage = await listPage(cursor);
    machines.push(...result.machines);
    if (!result.nextCursor) return machines;
    if (seen.has(result.nextCursor)) throw new Error("The API returned the same list cursor twice.");
    seen.add(result.nextCursor);
    cursor = result.nextCursor;
  }
  throw new Error(`The machine list did not end after ${MAX_PAGES} pages.`);
}

/**
 * GET /machines: the machine index (gsi1, by id) a page at a time, optionally filtered by delivery
 * state, staleness and an id prefix. The prefix narrows the key condition; state and staleness are a
 * filter expression, which DynamoDB applies after reading a page, so a filtered list keeps reading
 * pages until it has `limit` matches or the index ends (at most `maxPagesPerRequest` reads; then it
 * returns what it has with a cursor). The cursor is the key of the last machine returned, or where
 * the reading stopped, so the next page resumes exactly after it.
 */
import { Config } from "../config/index.ts";
import * as Db from "../db/db.ts";
import { keys } from "../table/index.ts";
import * as Cursor from "./cursor.ts";
import { staleCutoff } from "./delivery.ts";
import { toInfo } from "./registry.ts";
import { type DeliveryState, type Info, Item } from "./schema.ts";

export interface ListFilter {
  state?: DeliveryState | undefined;
  stale?: boolean | undefined;
  /** Machine id prefix (case-sensitive, like ids). */
  q?: string | undefined;
}

const readPageSize = 100;
const maxPagesPerRequest = 10;

type Raw = Record<string, unknown>;
type Filter = NonNullable<Db.IndexQuery["filter"]>;

const stateConditions: Record<DeliveryState, string> = {
  no_file: "attribute_not_exists(#file)",
  waiting:
    "attribute_exists(#file) AND attribute_not_exists(delivery.downloadedAt) AND attribute_not_exists(delivery.#status)",
  downloaded:
    "attribute_exists(#file) AND attribute_exists(delivery.downloadedAt) AND attribute_not_exists(delivery.#status)",
  installed: "attribute_exists(#file) AND delivery.#status = :state",
  failed: "attribute_exists(#file) AND delivery.#status = :state",
};

/** The filter expression for state and staleness, or undefined when neither is asked for. */
export function filterExpression(filter: ListFilter, now: Date): Filter | undefined {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Raw = {};
  if (filter.state) {
    parts.push(`(${stateConditions[filter.state]})`);
    names["#file"] = "file";
    // Stryker disable next-line ConditionalExpression,StringLiteral: AWS refuses unused names; dynalite not
    if (filter.state !== "no_file") names["#status"] = "status";
    if (filter.state === "installed" || filter.state === "failed") values[":state"] = filter.state;
  }
  if (filter.stale !== undefined) {
    values[":cutoff"] = staleCutoff(now, Config.staleAfterSeconds);
    parts.push(filter.stale ? "(attribute_not_exists(lastSeenAt) OR lastSeenAt < :cutoff)" : "lastSeenAt >= :cutoff");
  }
  if (parts.length === 0) return undefined;
  return { expression: parts.join(" AND "), names, values };
}

/** The key of an item in gsi1, as DynamoDB's ExclusiveStartKey takes it. */
const indexKeyOf = (raw: Raw) => ({ pk: raw.pk, sk: raw.sk, gsi1pk: raw.gsi1pk, gsi1sk: raw.gsi1sk });

export async function list(
  input: { limit: number; cursor?: string | undefined } & ListFilter,
  now: Date = new Date(),
): Promise<{ machines: Info[]; nextCursor: string | null }> {
  const filter = filterExpression(input, now);
  const range = input.q ? { op: "begins_with" as const, value: input.q } : undefined;
  const matches: Raw[] = [];
  let startKey: Raw | undefined = Cursor.decode(input.cursor);
  const page = (items: Raw[], next: Raw | undefined) => ({
    machines: items.map((raw) => toInfo(Item.parse(raw), now)),
    nextCursor: Cursor.encode(next),
  });
  for (let pages = 1; ; pages++) {
    const read = await Db.queryPage({
      index: "gsi1",
      hashKey: keys.machinesIndex,
      range,
      filter,
      // Stryker disable next-line MethodExpression: read size only: smaller reads, same pages
      limit: filter ? Math.max(readPageSize, input.limit) : input.limit,
      startKey,
    });
    for (const raw of read.items) {
      if (matches.length === input.limit) return page(matches, indexKeyOf(matches.at(-1)!));
      matches.push(raw);
    }
    startKey = read.lastKey;
    if (!startKey || matches.length === input.limit || pages >= maxPagesPerRequest) return page(matches, startKey);
  }
}

/**
 * The download log: one item per 302, under `downloads#<machineId>#<incarnation>`, sorted by time,
 * so a machine's log is a query on the primary key (newest first) with no index. Keyed by the
 * registration, so a re-registered id starts with an empty log whatever a removal left behind; the
 * removal deletes it too. DynamoDB deletes each entry 90 days after it was written (the table's TTL
 * attribute; the local stand-in keeps them).
 */
import { randomBytes } from "node:crypto";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import * as Db from "../db/db.ts";
import { InvalidCursorError } from "../error/index.ts";
import { keys } from "../table/index.ts";
import * as Cursor from "./cursor.ts";

const keepSeconds = 90 * 24 * 3600;

export const DownloadEntry = z.object({
  at: z.string(),
  uploadId: z.string(),
  sourceIp: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
});
export type DownloadEntry = z.infer<typeof DownloadEntry>;

/** A registration of a machine id: whose log it is. */
export interface LogOwner {
  machineId: string;
  incarnation: string;
}

export async function recordDownload(owner: LogOwner, entry: DownloadEntry): Promise<void> {
  await Db.client.send(
    new PutCommand({
      TableName: Db.tableName,
      Item: {
        pk: keys.downloadsOf(owner.machineId, owner.incarnation),
        // The random tail keeps two 302s in the same millisecond apart.
        sk: `${entry.at}#${entry.uploadId}#${randomBytes(4).toString("hex")}`,
        ...entry,
        ttl: Math.floor(Date.parse(entry.at) / 1000) + keepSeconds,
      },
    }),
  );
}

export async function listDownloads(
  owner: LogOwner,
  input: { limit: number; cursor?: string | undefined },
): Promise<{ downloads: DownloadEntry[]; nextCursor: string | null }> {
  const hashKey = keys.downloadsOf(owner.machineId, owner.incarnation);
  const startKey = decodeCursor(input.cursor, hashKey);
  const page = await Db.queryPage({ index: undefined, hashKey, limit: input.limit, newestFirst: true, startKey });
  return {
    downloads: page.items.map((raw) => DownloadEntry.parse(raw)),
    nextCursor: Cursor.encode(page.lastKey),
  };
}

/** A cursor is the signed key of the last entry returned, and only of this registration's log. */
function decodeCursor(cursor: string | undefined, hashKey: string): Record<string, string> | undefined {
  const key = Cursor.decode(cursor);
  if (key === undefined) return undefined;
  if (key.pk !== hashKey || typeof key.sk !== "string" || Object.keys(key).length !== 2) {
    throw new InvalidCursorError();
  }
  return key;
}

/** Deletes a registration's whole log (its removal). Idempotent. */
export async function removeDownloads(owner: LogOwner): Promise<void> {
  const hashKey = keys.downloadsOf(owner.machineId, owner.incarnation);
  for await (const raw of Db.queryAll({ index: undefined, hashKey })) {
    await Db.client.send(new DeleteCommand({ TableName: Db.tableName, Key: { pk: raw.pk, sk: raw.sk } }));
  }
}

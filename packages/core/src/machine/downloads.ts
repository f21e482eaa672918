/**
 * The download log: one item per 302, under `downloads#<machineId>`, sorted by time, so a machine's
 * log is a query on the primary key (newest first) with no index. DynamoDB deletes each entry 90
 * days after it was written (the table's TTL attribute; the local stand-in keeps them).
 */
import { randomBytes } from "node:crypto";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { Db } from "../db/index.ts";
import { InvalidRequestError } from "../error/index.ts";
import { keys } from "../table/index.ts";

const keepSeconds = 90 * 24 * 3600;

export const DownloadEntry = z.object({
  at: z.string(),
  uploadId: z.string(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type DownloadEntry = z.infer<typeof DownloadEntry>;

export async function recordDownload(machineId: string, entry: DownloadEntry): Promise<void> {
  await Db.client.send(
    new PutCommand({
      TableName: Db.tableName,
      Item: {
        pk: keys.downloadsOf(machineId),
        // The random tail keeps two 302s in the same millisecond apart.
        sk: `${entry.at}#${entry.uploadId}#${randomBytes(4).toString("hex")}`,
        ...entry,
        ttl: Math.floor(Date.parse(entry.at) / 1000) + keepSeconds,
      },
    }),
  );
}

const LogCursor = z.object({ pk: z.string(), sk: z.string() });

export async function listDownloads(
  machineId: string,
  input: { limit: number; cursor?: string | undefined },
): Promise<{ downloads: DownloadEntry[]; nextCursor: string | null }> {
  const hashKey = keys.downloadsOf(machineId);
  const startKey = decodeCursor(input.cursor, hashKey);
  const page = await Db.queryPage({ index: undefined, hashKey, limit: input.limit, newestFirst: true, startKey });
  return {
    downloads: page.items.map((raw) => DownloadEntry.parse(raw)),
    nextCursor: page.lastKey ? Buffer.from(JSON.stringify(page.lastKey)).toString("base64url") : null,
  };
}

/** A cursor is the key of the last entry returned, and only of this machine's log. */
function decodeCursor(cursor: string | undefined, hashKey: string): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = LogCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (key.pk === hashKey) return key;
  } catch {
    // reported below
  }
  throw new InvalidRequestError("The cursor is not one this API returned.");
}

/** Deletes a machine's whole log (its removal). */
export async function removeDownloads(machineId: string): Promise<void> {
  for await (const raw of Db.queryAll({ index: undefined, hashKey: keys.downloadsOf(machineId) })) {
    await Db.client.send(new DeleteCommand({ TableName: Db.tableName, Key: { pk: raw.pk, sk: raw.sk } }));
  }
}

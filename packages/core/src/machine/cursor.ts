/** Opaque list cursors: the DynamoDB start key, base64url JSON. Malformed cursors are a 400. */
import * as z from "zod";
import { InvalidRequestError } from "../error/index.ts";

const StartKey = z.record(z.string(), z.string());

export function encode(startKey: Record<string, unknown> | undefined): string | null {
  return startKey ? Buffer.from(JSON.stringify(startKey)).toString("base64url") : null;
}

export function decode(cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return StartKey.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new InvalidRequestError("The cursor is not one this API returned.");
  }
}

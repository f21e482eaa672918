/**
 * Opaque list cursors: the DynamoDB start key as base64url JSON, signed with an HMAC so that only
 * cursors this API issued are accepted. A forged or altered cursor never reaches DynamoDB (where a
 * start key of the wrong shape is a ValidationException, i.e. a 500); it is a 400 `invalid_cursor`.
 * The key is derived from the admin token, which only the API (the one reader of cursors) links;
 * rotating the admin token invalidates outstanding cursors, which only restarts a listing.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import * as z from "zod/mini";
import { Config } from "../config/index.ts";
import { InvalidCursorError } from "../error/index.ts";

const StartKey = z.record(z.string(), z.string());

let signingKey: Buffer | undefined;
const signatureOf = (payload: string) => {
  // Stryker disable next-line StringLiteral: any fixed label derives a key as good
  signingKey ??= createHmac("sha256", Config.adminToken).update("fleetdrop list cursor v1").digest();
  return createHmac("sha256", signingKey).update(payload).digest().subarray(0, 16);
};

export function encode(startKey: Record<string, unknown> | undefined): string | null {
  if (!startKey) return null;
  const payload = Buffer.from(JSON.stringify(startKey)).toString("base64url");
  return `${payload}.${signatureOf(payload).toString("base64url")}`;
}

export function decode(cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  // Stryker disable next-line StringLiteral: a missing part never verifies
  const [payload = "", signature = "", ...rest] = cursor.split(".");
  const presented = Buffer.from(signature, "base64url");
  const expected = signatureOf(payload);
  if (rest.length > 0 || presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new InvalidCursorError();
  }
  const parsed = StartKey.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  if (!parsed.success) throw new InvalidCursorError();
  return parsed.data;
}

/**
 * Bearer tokens: 256 random bits, shown once; only a SHA-256 hash is stored. Tokens are high
 * entropy, so a fast unsalted hash is enough (no password stretching needed), and comparison is
 * constant-time so timing reveals nothing about a stored hash.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const machinePrefix = "fdm_";

export function generateMachineToken(): string {
  return machinePrefix + randomBytes(32).toString("base64url");
}

export function generateAdminToken(): string {
  return `fda_${randomBytes(32).toString("base64url")}`;
}

export function hash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time check of a presented token against a stored hash. */
export function matchesHash(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hash(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Extracts the token of an `Authorization: Bearer <token>` header, or undefined. */
export function fromAuthorizationHeader(header: string | undefined | null): string | undefined {
  // Stryker disable next-line StringLiteral: no header and any other non-Bearer text alike match nothing
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * The machine token a request presents: `Authorization: Bearer <token>` or `X-Fleetdrop-Token:
 * <token>`. The second exists because wget and Python's urllib forward every header to the S3
 * redirect, and S3 refuses a presigned GET that also carries Authorization. A header that is sent
 * must hold a well-formed token, and when both are sent they must agree; otherwise there is no
 * token, so every such request gets the same 401 as a wrong one.
 */
export function fromMachineHeaders(headers: {
  authorization?: string | null;
  fleetdropToken?: string | null;
}): string | undefined {
  const presented: (string | undefined)[] = [];
  if (headers.authorization != null) presented.push(fromAuthorizationHeader(headers.authorization));
  if (headers.fleetdropToken != null) presented.push(/^\s*(\S+)\s*$/.exec(headers.fleetdropToken)?.[1]);
  const [first] = presented;
  // A malformed header is undefined here: either the two differ, or both are undefined and so is the answer.
  return presented.every((token) => token === first) ? first : undefined;
}

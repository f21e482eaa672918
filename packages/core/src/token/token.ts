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
  return "fda_" + randomBytes(32).toString("base64url");
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
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * ULIDs (https://github.com/ulid/spec): 48-bit millisecond time + 80 random bits in Crockford
 * base32, so string order is issue order. `after` yields an id strictly greater than a previous
 * one even if the clock went backwards or two ids share a millisecond: uploads of one machine are
 * ordered by it, and "the upload declared last wins" depends on that order.
 */
import { randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const timeLength = 10;
const randomLength = 16;
export const pattern = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < timeLength; i++) {
    out = alphabet[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function encodeRandom(): string {
  const bytes = randomBytes(randomLength);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % 32];
  return out;
}

export function generate(now: number = Date.now()): string {
  return encodeTime(now) + encodeRandom();
}

/** Adds one to a base32 string; throws if it would overflow. */
export function increment(id: string): string {
  const chars = id.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    const index = alphabet.indexOf(chars[i]!);
    if (index < alphabet.length - 1) {
      chars[i] = alphabet[index + 1]!;
      return chars.join("");
    }
    chars[i] = alphabet[0]!;
  }
  throw new Error("ULID overflow");
}

/** A new id for now, or, if that would not sort after `previous`, the next id after it. */
export function after(previous: string | undefined, now: number = Date.now()): string {
  const candidate = generate(now);
  if (previous === undefined || candidate > previous) return candidate;
  return increment(previous);
}

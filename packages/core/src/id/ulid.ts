/**
 * ULIDs (https://github.com/ulid/spec): 48-bit millisecond time + 80 random bits in Crockford
 * base32, so string order is time order. Upload ids take their time from a per-machine clock that
 * only moves forward (Machine.reserveUploadId), so one machine's ids sort in declaration order.
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

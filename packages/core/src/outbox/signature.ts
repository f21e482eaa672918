/** `X-Fleetdrop-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, as the big forges sign webhooks. */
import { createHmac } from "node:crypto";

export function sign(body: string, secret: string): string {
  // Stryker disable next-line StringLiteral: Hmac.update reads a string as UTF-8 by default
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

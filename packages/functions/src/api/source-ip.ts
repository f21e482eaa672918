/**
 * The client's address, for the download log: on Lambda from the invoking event (a Function URL's
 * or API Gateway v2's `requestContext.http.sourceIp`, which hono/aws-lambda passes as `c.env.event`),
 * locally from the Node server's socket (@hono/node-server passes `c.env.incoming`).
 */
import type { Context } from "hono";

interface Bindings {
  event?: { requestContext?: { http?: { sourceIp?: string } } };
  incoming?: { socket?: { remoteAddress?: string } };
}

export function sourceIp(c: Context): string | undefined {
  const env = c.env as Bindings | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress;
}

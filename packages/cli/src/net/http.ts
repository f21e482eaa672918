/**
 * HTTP over node:http(s) for everything the CLI sends: the API and S3's presigned URLs. Not
 * `fetch`: it loads undici on first use (tens of milliseconds on every poll) and buffers streamed
 * request bodies. Proxies from the environment apply to every request.
 */
import http from "node:http";
import https from "node:https";
import { proxyAgentFor } from "./proxy.ts";

export interface RequestOptions {
  method: string;
  headers?: Record<string, string | number>;
  /** An idle connection (nothing sent or received) for this long is a failure, not a hang. */
  idleTimeoutMs?: number;
}

/** A request whose body the caller writes (or ends); resolve `response` for the answer. */
export async function openRequest(url: URL, options: RequestOptions) {
  const agent = await proxyAgentFor(url);
  const req = (url.protocol === "https:" ? https : http).request(url, {
    method: options.method,
    headers: options.headers ?? {},
    ...(agent ? { agent } : {}),
  });
  req.setTimeout(options.idleTimeoutMs ?? 60_000, () =>
    req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })),
  );
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
  return { req, response };
}

/** One request with an optional small body, resolved with the response head. */
export async function send(url: URL, options: RequestOptions & { body?: string }): Promise<http.IncomingMessage> {
  const { req, response } = await openRequest(url, {
    ...options,
    headers: {
      ...options.headers,
      ...(options.body === undefined ? {} : { "Content-Length": Buffer.byteLength(options.body) }),
    },
  });
  req.end(options.body);
  return response;
}

export async function readBody(res: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    if (size < limit) chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

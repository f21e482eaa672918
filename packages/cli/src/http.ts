/** node:http(s) requests: streaming bodies with a known length, which fetch cannot do without buffering. */
import http from "node:http";
import https from "node:https";

export function request(url: URL, options: http.RequestOptions): http.ClientRequest {
  return (url.protocol === "https:" ? https : http).request(url, options);
}

export async function readBody(res: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  let body = "";
  for await (const chunk of res) {
    if (body.length < limit) body += chunk;
  }
  return body;
}

/** S3 error documents: `<Error><Code>…</Code><Message>…</Message></Error>`. */
export function parseS3Error(xml: string): { code: string; message: string } | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
  if (!code) return undefined;
  const message = /<Message>([^<]*)<\/Message>/.exec(xml)?.[1] ?? "";
  return { code, message: message.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") };
}

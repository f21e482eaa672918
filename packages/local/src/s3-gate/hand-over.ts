/**
 * Hands a verified POST upload to the stand-in: the same form, rebuilt with the spooled file as its
 * last part and sent to s3rver's own listener over loopback, whose answer (status, headers such as
 * CORS, body) goes back to the client unchanged. s3rver stores the object and emits its event.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { type IncomingMessage, request, type ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { SpooledFile } from "./form-post.ts";

/** Fields only the check needed; s3rver would ignore them. Names reach s3rver lower-cased, as S3 matches them. */
const checkOnly = (name: string) => ["policy", "x-amz-signature"].includes(name) || name.startsWith("x-ignore-");
const quoted = (text: string) => text.replace(/["\r\n]/g, (c) => encodeURIComponent(c));

export async function handOver(
  target: { host: string; port: number },
  req: IncomingMessage,
  res: ServerResponse,
  fields: Map<string, string>,
  file: SpooledFile,
): Promise<void> {
  const boundary = `----local-s3-${randomBytes(12).toString("hex")}`;
  const fieldParts = [...fields]
    .filter(([name]) => !checkOnly(name))
    .map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
    )
    .join("");
  const head = Buffer.from(
    `${fieldParts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(file.filename)}"\r\n` +
      `Content-Type: ${file.contentType.replace(/[\r\n]/g, "")}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);

  const upstream = request({
    host: target.host,
    port: target.port,
    method: "POST",
    path: req.url,
    headers: {
      host: req.headers.host ?? `${target.host}:${target.port}`,
      ...(req.headers.origin ? { origin: req.headers.origin } : {}),
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": head.length + file.size + tail.length,
    },
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    upstream.once("response", resolve);
    upstream.once("error", reject);
  });
  async function* body() {
    yield head;
    yield* createReadStream(file.path, { highWaterMark: 1024 * 1024 });
    yield tail;
  }
  const [response] = await Promise.all([answered, pipeline(body, upstream)]);
  res.writeHead(response.statusCode ?? 502, response.headers);
  await pipeline(response, res);
}

import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { downloadToFile } from "./download.ts";

// A test server that behaves like S3 for GET: Range support, a connection dropped mid-body, and an
// expired presigned URL answered with S3's 403 error document.
const content = randomBytes(3 * 1024 * 1024 + 5);
const sha = createHash("sha256").update(content).digest("hex");
let server: Server | undefined;
afterEach(() => server?.close());

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const temp = async () => join(await mkdtemp(join(tmpdir(), "fleetdrop-dl-")), "file.part");

test("a dropped connection resumes with a Range request from the last byte written", async () => {
  const ranges: (string | undefined)[] = [];
  const base = await serve((req, res) => {
    ranges.push(req.headers.range);
    if (!req.headers.range) {
      res.writeHead(200, { "Content-Length": content.length });
      res.write(content.subarray(0, 1024 * 1024), () => res.destroy());
      return;
    }
    const start = Number(/bytes=(\d+)-/.exec(req.headers.range)![1]);
    res.writeHead(206, { "Content-Length": content.length - start, "Content-Range": `bytes ${start}-${content.length - 1}/${content.length}` });
    res.end(content.subarray(start));
  });
  const path = await temp();
  const result = await downloadToFile(`${base}/object`, async () => `${base}/object`, path);
  expect(result).toEqual({ sha256: sha, size: content.length });
  expect(createHash("sha256").update(await readFile(path)).digest("hex")).toBe(sha);
  expect(ranges[0]).toBeUndefined();
  expect(ranges[1]).toMatch(/^bytes=\d+-$/);
  expect(Number(/\d+/.exec(ranges[1]!)![0])).toBeGreaterThan(0);
});

test("an expired URL is replaced by a fresh one", async () => {
  const paths: string[] = [];
  const base = await serve((req, res) => {
    paths.push(req.url!);
    if (req.url === "/expired") {
      res.writeHead(403, { "Content-Type": "application/xml" });
      res.end("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
      return;
    }
    res.writeHead(200, { "Content-Length": content.length });
    res.end(content);
  });
  const result = await downloadToFile(`${base}/expired`, async () => `${base}/fresh`, await temp());
  expect(result.sha256).toBe(sha);
  expect(paths).toEqual(["/expired", "/fresh"]);
});

test("a server that keeps failing gives up with S3's message", async () => {
  const base = await serve((_req, res) => {
    res.writeHead(403);
    res.end("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
  });
  await expect(downloadToFile(`${base}/x`, async () => `${base}/x`, await temp())).rejects.toThrow(/Access Denied \(AccessDenied\)/);
});

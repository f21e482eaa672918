import { once } from "node:events";
import { createServer as createHttpServer, type Server } from "node:http";
import { connect, createServer, type Server as NetServer } from "node:net";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { readBody, send } from "./http.ts";

// A real CONNECT proxy (as squid or a corporate proxy answers) and a server behind it.
let target: Server;
let proxy: NetServer;
let targetUrl: string;
let proxyUrl: string;
const tunnels: string[] = [];
beforeAll(async () => {
  target = createHttpServer((_req, res) => res.end("hello"));
  target.listen(0, "127.0.0.1");
  await once(target, "listening");
  targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}/x`;
  proxy = createServer((client) => {
    client.once("data", (head: Buffer) => {
      const [, host, port] = /^CONNECT ([^:\s]+):(\d+) HTTP/.exec(head.toString("latin1")) ?? [];
      tunnels.push(`${host}:${port}`);
      const upstream = connect(Number(port), host!, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(() => {
  target?.closeAllConnections();
  target?.close();
  proxy?.close();
});
const saved = { ...process.env };
afterEach(() => {
  for (const name of ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "NO_PROXY", "no_proxy"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  tunnels.length = 0;
});

test("HTTP_PROXY sends requests through the proxy, as curl does", async () => {
  process.env.HTTP_PROXY = proxyUrl;
  const res = await send(new URL(targetUrl), { method: "GET" });
  expect(await readBody(res)).toBe("hello");
  expect(tunnels).toEqual([new URL(targetUrl).host]);
});

test("NO_PROXY lists hosts that are reached directly", async () => {
  process.env.http_proxy = proxyUrl;
  process.env.NO_PROXY = "example.com,127.0.0.1";
  const res = await send(new URL(targetUrl), { method: "GET" });
  expect(await readBody(res)).toBe("hello");
  expect(tunnels).toEqual([]);
});

/**
 * A proxy in front of the local stack that spoils the S3 leg of a download, to show that a client
 * never keeps bytes that did not arrive whole. `/download` goes to the real API, and its redirect
 * is rewritten to a second listener, on another port so it is another origin as S3 is (curl drops
 * Authorization only across origins). That listener forwards the S3 GET, headers and all, so S3
 * still refuses a leaked Authorization, and then corrupts or cuts off the body.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type RequestListener, request, type Server } from "node:http";

export type Fault =
  /** One byte flipped, full length: only a hash check can notice. */
  | "corrupt"
  /** The first S3 response stops half-way (the connection drops); later ones are whole. */
  | "cut-off-once";

export interface FaultProxy {
  url: string;
  /** How many S3 responses carried a body, spoiled or not: proof the fault was reached. */
  bodiesServed(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(apiUrl: string, fault: Fault): Promise<FaultProxy> {
  let bodies = 0;
  const s3 = await listen(async (req, res) => {
    const upstream = await forward(req, new URL(new URL(req.url ?? "/", "http://s3").searchParams.get("u")!));
    const body = Buffer.concat(await upstream.toArray());
    res.writeHead(upstream.statusCode!, upstream.headers);
    if (upstream.statusCode! >= 300 || body.length === 0) return void res.end(body);
    bodies += 1;
    if (fault === "corrupt") body[body.length >> 1]! ^= 0xff;
    if (fault === "cut-off-once" && bodies === 1)
      return void res.write(body.subarray(0, body.length >> 1), () => res.destroy());
    res.end(body);
  });
  const api = await listen(async (req, res) => {
    const upstream = await forward(req, new URL(req.url ?? "/", apiUrl));
    const headers = { ...upstream.headers };
    if (headers.location) headers.location = `${s3.url}/?u=${encodeURIComponent(headers.location)}`;
    res.writeHead(upstream.statusCode!, headers).end(Buffer.concat(await upstream.toArray()));
  });
  return {
    url: api.url,
    bodiesServed: () => bodies,
    close: async () => {
      await api.close();
      await s3.close();
    },
  };
}

async function listen(handle: RequestListener) {
  const server: Server = createServer((req, res) => {
    Promise.resolve(handle(req, res)).catch((error) => res.writeHead(502).end(String(error)));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function forward(req: IncomingMessage, target: URL): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, resolve);
    upstream.on("error", reject);
    req.pipe(upstream);
  });
}

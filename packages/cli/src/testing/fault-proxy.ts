/**
 * A TCP proxy for tests, in front of a real server (the local S3): each request (kept-alive
 * connections carry several) takes the next queued fault. It can cut the response after N bytes
 * (a connection dropped mid-body) or delete the request's Range header (a server that ignores
 * ranges). It records each request's
 * first line and Range header.
 */
import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";

export type Fault = { dropAfterBytes: number } | { ignoreRange: true };

export interface SeenRequest {
  line: string;
  range: string | undefined;
}

export interface FaultProxy {
  endpoint: string;
  seen: SeenRequest[];
  inject(fault: Fault): void;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: URL): Promise<FaultProxy> {
  const faults: Fault[] = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    let fault: Fault | undefined;
    let sent = 0;
    const target = connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(target);
    client.once("close", () => sockets.delete(client));
    target.once("close", () => sockets.delete(target));
    client.on("error", () => target.destroy());
    target.on("error", () => client.destroy());
    client.on("end", () => target.end());
    target.on("end", () => client.end());

    client.on("data", (chunk: Buffer) => {
      // A request's line and headers arrive in one small chunk on loopback (also when the
      // connection is kept alive for the next request).
      if (/^[A-Z]+ \S+ HTTP\/1\.1\r\n/.test(chunk.subarray(0, 2048).toString("latin1"))) {
        fault = faults.shift();
        sent = 0;
        let text = chunk.toString("latin1");
        seen.push({ line: text.slice(0, text.indexOf("\r\n")), range: /\r\nrange: *([^\r]*)/i.exec(text)?.[1] });
        if (fault && "ignoreRange" in fault) text = text.replace(/\r\nrange:[^\r]*/i, "");
        chunk = Buffer.from(text, "latin1");
      }
      target.write(chunk);
    });
    target.on("data", (chunk: Buffer) => {
      if (fault && "dropAfterBytes" in fault && sent + chunk.length >= fault.dropAfterBytes) {
        client.write(chunk.subarray(0, fault.dropAfterBytes - sent), () => {
          client.destroy();
          target.destroy();
        });
        sent = fault.dropAfterBytes;
        return;
      }
      sent += chunk.length;
      if (!client.write(chunk)) {
        target.pause();
        client.once("drain", () => target.resume());
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    inject: (fault) => faults.push(fault),
    async close() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

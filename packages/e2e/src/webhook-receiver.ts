/**
 * A webhook receiver for the tests: a node:http server on loopback that records every POST (raw
 * body, headers) and answers 200, or 503 while "down", or only after a delay while "slow".
 */
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";

export interface Delivery {
  body: string;
  headers: Record<string, string | string[] | undefined>;
  event: {
    id: string;
    event: string;
    machineId: string;
    uploadId?: string;
    at: string;
    text: string;
    [key: string]: unknown;
  };
  /** Whether the receiver answered 2xx (a "down" receiver records what it refused). */
  accepted: boolean;
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** What was accepted, one entry per POST. */
  accepted(): Delivery[];
  mode: "up" | "down" | "slow";
  slowMs: number;
  /** Waits (polling, with a deadline) until `predicate` holds for the accepted deliveries. */
  waitFor(predicate: (accepted: Delivery[]) => boolean, what: string, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

export function validSignature(delivery: Delivery, secret: string): boolean {
  const expected = `sha256=${createHmac("sha256", secret).update(delivery.body).digest("hex")}`;
  return delivery.headers["x-fleetdrop-signature"] === expected;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const sockets = new Set<import("node:net").Socket>();
  const receiver: Receiver = {
    url: "",
    deliveries: [],
    accepted: () => receiver.deliveries.filter((delivery) => delivery.accepted),
    mode: "up",
    slowMs: 10_000,
    async waitFor(predicate, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.accepted())) {
        if (Date.now() > deadline) {
          const seen = receiver.deliveries.map((d) => `${d.event.id}${d.accepted ? "" : " (refused)"}`);
          throw new Error(`webhook receiver: timed out waiting for ${what}; received: ${JSON.stringify(seen)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return receiver.accepted();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const mode = receiver.mode;
    if (mode === "slow") await new Promise((resolve) => setTimeout(resolve, receiver.slowMs));
    const accepted = mode !== "down";
    receiver.deliveries.push({ body, headers: request.headers, event: JSON.parse(body), accepted });
    response.writeHead(accepted ? 200 : 503).end();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  return receiver;
}

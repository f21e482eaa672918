/**
 * An HTTP proxy in front of the API for the CLI's tests that can refuse `POST /reports` with a 503
 * (the API briefly failing), passing everything else through untouched.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReportGate {
  url: string;
  /** While closed, every POST /reports is answered 503 without reaching the API. */
  closed: boolean;
  refused: number;
  close(): Promise<void>;
}

export async function startReportGate(upstream: string): Promise<ReportGate> {
  const target = new URL(upstream);
  const gate: ReportGate = { url: "", closed: false, refused: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    if (gate.closed && req.method === "POST" && req.url === "/reports") {
      gate.refused++;
      req.resume();
      res.writeHead(503, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: "unavailable", message: "the gate is closed" } }));
      return;
    }
    const forward = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.once("error", () => res.destroy());
    req.pipe(forward);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  gate.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gate.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  };
  return gate;
}

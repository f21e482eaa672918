/**
 * For tests of what sends webhooks: a receiver on loopback that records each POST and answers with
 * the status the test chooses, and a private table, so this file's outbox is not drained by (and
 * does not drain) other test files' outboxes. `use` links both (WEBHOOK_URL, the table, optionally
 * a signing secret) for the modules the test imports after it; `vi.resetModules` first.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createTableInput } from "../table/index.ts";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's `event` and `id`, parsed. */
  event: { id: string; event: string; [field: string]: unknown };
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /**
   * The status to answer for an event id (200 by default), "drop" to close the connection
   * unanswered, or "hold" to answer 200 only when `release` is called.
   */
  answer: (id: string) => number | "drop" | "hold";
  release: () => void;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const held: (() => void)[] = [];
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    answer: () => 200,
    release: () => {
      for (const answer of held.splice(0)) answer();
    },
    close: async () => {},
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const event = JSON.parse(body) as Received["event"];
      receiver.received.push({ headers: request.headers, body, event });
      const answer = receiver.answer(event.id);
      if (answer === "drop") request.socket.destroy();
      else if (answer === "hold") held.push(() => response.writeHead(200).end("ok"));
      else if (answer === 204) response.writeHead(204).end();
      else response.writeHead(answer).end("ok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Creates an empty table shaped like the real one (../table) in the linked local DynamoDB; its name. */
export async function createPrivateTable(): Promise<string> {
  const name = `fleetdrop-test-${randomBytes(6).toString("hex")}`;
  const client = new DynamoDBClient({
    region: process.env.AWS_REGION ?? "us-east-1",
    endpoint: process.env.FLEETDROP_DYNAMODB_ENDPOINT,
  });
  try {
    await client.send(new CreateTableCommand(createTableInput(name)));
  } finally {
    client.destroy();
  }
  return name;
}

/** The environment that links the modules imported next to `table` and, if given, `receiver`. */
export function webhookEnvironment(
  receiver: WebhookReceiver | undefined,
  table: string,
  secret = "",
): Record<string, string> {
  return {
    WEBHOOK_URL: receiver?.url ?? "",
    SST_RESOURCE_Table: JSON.stringify({ name: table }),
    SST_RESOURCE_WebhookSecret: JSON.stringify({ value: secret }),
  };
}

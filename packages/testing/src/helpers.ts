/** Test support: small helpers the end-to-end harness and the tests share. */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";

export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** GET /download as a machine does, without following the redirect. */
export async function requestDownload(
  url: string,
  machineId: string,
  token: string | undefined,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/download?machine_id=${encodeURIComponent(machineId)}`, {
    redirect: "manual",
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

export function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * A `POST /uploads` body for the bad-input tests: a valid declaration for machine `known-1`, with
 * `overrides` applied and the keys in `omit` left out.
 */
export function declarationBody(overrides: Record<string, unknown>, omit: string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {
    machineId: "known-1",
    filename: "f.bin",
    size: 10,
    sha256: "a".repeat(64),
    ...overrides,
  };
  for (const key of omit) delete body[key];
  return body;
}

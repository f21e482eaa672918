/**
 * The local S3: the S3-compatible stand-in (@20minutes/s3rver, objects under <dataDir>/s3) behind a
 * gate that refuses what S3 refuses (see s3-gate/gate.ts). Clients only ever see the gate's port;
 * s3rver listens on a loopback port of its own, used for verified POST uploads, while every other
 * admitted request is handed to s3rver's request handler in-process (no second hop for downloads).
 */
import { mkdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";
import { log } from "@fleetdrop/core/log";
import { createGate } from "./s3-gate/gate.ts";
import { handOver } from "./s3-gate/hand-over.ts";

export interface S3Server {
  endpoint: string;
  onEvent(listener: (event: unknown) => void): void;
  close(): Promise<void>;
}

export interface S3ServerOptions {
  dataDir: string;
  host: string;
  port: number;
  bucketName: string;
  region: string;
}

export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  // Uploads being checked; a crash can leave some behind, and none is worth keeping.
  const spoolDir = join(options.dataDir, "s3-incoming");
  await rm(spoolDir, { recursive: true, force: true });
  await mkdir(spoolDir, { recursive: true, mode: 0o700 });

  const standIn = new S3rver({
    address: options.host,
    port: 0,
    directory: join(options.dataDir, "s3"),
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucketName }],
  });
  const internal = await standIn.run();
  const gate = createGate({
    region: options.region,
    spoolDir,
    passThrough: standIn.callback(),
    store: (req, res, fields, file) => handOver({ host: options.host, port: internal.port }, req, res, fields, file),
    onFailure: (error) => log.error("local S3 failed on a request", { err: error }),
  });
  const server = createServer(gate);
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await standIn.close();
    throw error;
  }
  return {
    endpoint: `http://${options.host}:${(server.address() as AddressInfo).port}`,
    onEvent: (listener) => standIn.on("event", listener),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await standIn.close();
    },
  };
}

/** Rejects with the listen error (EADDRINUSE carries the port), never an unhandled 'error' event. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

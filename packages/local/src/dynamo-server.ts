/** The DynamoDB-compatible stand-in (dynalite on LevelDB under <dataDir>/dynamodb), with our table. */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { createTableInput } from "@fleetdrop/core/table";
import dynalite from "dynalite";

export interface DynamoServer {
  endpoint: string;
  close(): Promise<void>;
}

export async function startDynamoServer(options: {
  dataDir: string;
  host: string;
  port: number;
  tableName: string;
  region: string;
}): Promise<DynamoServer> {
  const server = dynalite({
    path: join(options.dataDir, "dynamodb"),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  server.listen(options.port, options.host);
  await once(server, "listening");
  const endpoint = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  await ensureTable(endpoint, options.tableName, options.region);
  return {
    endpoint,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function ensureTable(endpoint: string, tableName: string, region: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}

/** The DynamoDB-compatible stand-in (dynalite on LevelDB under <dataDir>/dynamodb), with our table. */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { tableDefinition } from "@fleetdrop/core/table";
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
  const { attributes, primaryIndex, globalIndexes } = tableDefinition;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
        KeySchema: [
          { AttributeName: primaryIndex.hashKey, KeyType: "HASH" },
          { AttributeName: primaryIndex.rangeKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: Object.entries(globalIndexes).map(([name, index]) => ({
          IndexName: name,
          KeySchema: [
            { AttributeName: index.hashKey, KeyType: "HASH" },
            { AttributeName: index.rangeKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}

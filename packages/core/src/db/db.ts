/**
 * The DynamoDB client and key layout (see ../table for the indexes). All writes that decide state
 * are single-item conditional writes: no transactions, which the local stand-in lacks and which the
 * design does not need.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Config } from "../config/index.ts";

export const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: Config.region,
    ...(Config.dynamoEndpoint ? { endpoint: Config.dynamoEndpoint } : {}),
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const tableName = Config.tableName;

export const keys = {
  machine: (machineId: string) => ({ pk: `machine#${machineId}`, sk: "machine" }),
  upload: (uploadId: string) => ({ pk: `upload#${uploadId}`, sk: "upload" }),
  machinesIndex: "machines",
  uploadsOfMachineIndex: (machineId: string) => `machine#${machineId}#uploads`,
  pendingIndex: "pending",
};

export const indexes = { gsi1: "gsi1", gsi2: "gsi2" } as const;

type Raw = Record<string, unknown>;

export interface IndexQuery {
  index: keyof typeof indexes;
  hashKey: string;
  limit?: number;
  newestFirst?: boolean;
  startKey?: Raw | undefined;
}

/** One page of a global index, all items under one hash key, in sort key order. */
export async function queryPage(query: IndexQuery): Promise<{ items: Raw[]; lastKey: Raw | undefined }> {
  const out = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes[query.index],
      KeyConditionExpression: `${query.index}pk = :pk`,
      ExpressionAttributeValues: { ":pk": query.hashKey },
      ScanIndexForward: !query.newestFirst,
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey };
}

/** Every item under one hash key of a global index, page after page. */
export async function* queryAll(query: Omit<IndexQuery, "limit" | "startKey">): AsyncGenerator<Raw> {
  let startKey: Raw | undefined;
  do {
    const page = await queryPage({ ...query, startKey });
    yield* page.items;
    startKey = page.lastKey;
  } while (startKey);
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

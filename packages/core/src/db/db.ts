/**
 * The DynamoDB client and the two idioms every store uses: index queries and conditional writes.
 * All writes that decide state are single-item conditional writes: no transactions, which the local
 * stand-in lacks and which the design does not need. Keys and indexes are in ../table.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type DeleteCommand,
  DynamoDBDocumentClient,
  type PutCommand,
  QueryCommand,
  type UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { lambdaCredentials } from "../aws/credentials.ts";
import { Config } from "../config/index.ts";
import { type IndexName, tableDefinition } from "../table/index.ts";

export const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: Config.region,
    credentials: lambdaCredentials(),
    ...(Config.dynamoEndpoint ? { endpoint: Config.dynamoEndpoint } : {}),
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const tableName = Config.tableName;

type Raw = Record<string, unknown>;

export interface IndexQuery {
  /** A global index, or undefined for the table's own primary key. */
  index: IndexName | undefined;
  hashKey: string;
  /** A condition on the sort key: its prefix, or a bound. */
  range?: { op: "begins_with" | "<=" | ">="; value: string };
  /** Applied after the read (DynamoDB still reads, and bills, what the filter drops). */
  filter?: { expression: string; names?: Record<string, string>; values?: Raw };
  limit?: number;
  newestFirst?: boolean;
  startKey?: Raw | undefined;
}

/** One page of a global index (or of the table), all items under one hash key, in sort key order. */
export async function queryPage(query: IndexQuery): Promise<{ items: Raw[]; lastKey: Raw | undefined }> {
  const { hashKey, rangeKey } = query.index ? tableDefinition.globalIndexes[query.index] : tableDefinition.primaryIndex;
  const range = query.range;
  const rangeCondition = !range
    ? ""
    : range.op === "begins_with"
      ? ` AND begins_with(${rangeKey}, :range)`
      : ` AND ${rangeKey} ${range.op} :range`;
  const names = query.filter?.names;
  const out = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: query.index,
      KeyConditionExpression: `${hashKey} = :pk${rangeCondition}`,
      FilterExpression: query.filter?.expression,
      // Stryker disable next-line ConditionalExpression,EqualityOperator: AWS refuses empty names; dynalite not
      ...(names && Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: {
        ":pk": query.hashKey,
        ...(range ? { ":range": range.value } : {}),
        ...query.filter?.values,
      },
      ScanIndexForward: !query.newestFirst,
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  // Stryker disable next-line ArrayDeclaration: a Query answer always has Items
  return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey };
}

/** Every item under one hash key of a global index, page after page. */
export async function* queryAll(query: Omit<IndexQuery, "startKey">): AsyncGenerator<Raw> {
  let startKey: Raw | undefined;
  do {
    const page = await queryPage({ ...query, startKey });
    yield* page.items;
    startKey = page.lastKey;
  } while (startKey);
}

export interface Written {
  /** The item's attributes the write returned (its ReturnValues), if any. */
  attributes: Raw | undefined;
}

/**
 * Sends a conditional write. False if its condition did not hold (someone else decided first, or
 * the item is not there); otherwise what it returned.
 */
export async function conditional(command: PutCommand | UpdateCommand | DeleteCommand): Promise<Written | false> {
  try {
    const out = await client.send(command as UpdateCommand);
    return { attributes: out.Attributes };
  } catch (error) {
    if (error instanceof Error && error.name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

/**
 * The DynamoDB client and key layout (see ../table for the indexes). All writes that decide state
 * are single-item conditional writes: no transactions, which the local stand-in lacks and which the
 * design does not need.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
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

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/**
 * A bucket and a table of a test file's own, on the same stand-ins the vitest global setup started.
 * For tests of code that works across everything stored (the sweeper): in the shared bucket and
 * table they would act on other test files' uploads, and other files would disturb their counts.
 *
 * Call it before anything that reads the configuration is imported (import those dynamically
 * after it): the configuration is read once, when its module loads. Imports no configuration.
 */
import { randomBytes } from "node:crypto";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { createS3Client } from "@fleetdrop/core/aws";
import { createTableInput } from "@fleetdrop/core/table";

export async function useIsolatedResources(name: string, tunables: Record<string, string> = {}): Promise<void> {
  const {
    FLEETDROP_S3_ENDPOINT: s3Endpoint,
    FLEETDROP_DYNAMODB_ENDPOINT: dynamoEndpoint,
    AWS_REGION: region,
  } = process.env;
  if (!s3Endpoint || !dynamoEndpoint || !region)
    throw new Error("isolated resources need the stand-ins of the global setup");
  const resourceName = `fleetdrop-${name}-${randomBytes(4).toString("hex")}`;

  const s3 = createS3Client({ region, endpoint: s3Endpoint });
  await s3.send(new CreateBucketCommand({ Bucket: resourceName }));
  s3.destroy();

  const dynamo = new DynamoDBClient({ region, endpoint: dynamoEndpoint });
  await dynamo.send(new CreateTableCommand(createTableInput(resourceName)));
  dynamo.destroy();

  Object.assign(process.env, {
    SST_RESOURCE_Bucket: JSON.stringify({ name: resourceName }),
    SST_RESOURCE_Table: JSON.stringify({ name: resourceName }),
    ...tunables,
  });
}

/**
 * The environment that links the handlers to the stand-ins, exactly as SST links them on AWS
 * (SST_RESOURCE_<Name> JSON), plus the stand-ins' endpoints and credentials (s3rver accepts only
 * S3RVER/S3RVER; dynalite accepts any).
 */
export interface Links {
  stage: string;
  region: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucketName: string;
  tableName: string;
  adminToken: string;
  /** WEBHOOK_SECRET of the stack's environment; empty: webhooks go unsigned. */
  webhookSecret?: string;
}

export function linkEnvironment(links: Links): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REGION: links.region,
    FLEETDROP_S3_ENDPOINT: links.s3Endpoint,
    FLEETDROP_DYNAMODB_ENDPOINT: links.dynamoEndpoint,
    SST_RESOURCE_App: JSON.stringify({ name: "fleetdrop", stage: links.stage }),
    SST_RESOURCE_Bucket: JSON.stringify({ name: links.bucketName }),
    SST_RESOURCE_Table: JSON.stringify({ name: links.tableName }),
    SST_RESOURCE_AdminToken: JSON.stringify({ value: links.adminToken }),
    SST_RESOURCE_WebhookSecret: JSON.stringify({ value: links.webhookSecret ?? "" }),
  };
}

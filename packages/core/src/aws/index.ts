export { lambdaCredentials, onLambda } from "./credentials.ts";
export { createS3Client } from "./s3-client.ts";

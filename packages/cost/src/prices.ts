/**
 * us-east-1 list prices the cost model uses, and the always-free allowances that apply to every
 * account (the 12-month offers of the legacy free tier are left out: new accounts do not get them).
 * Checked on 2026-11-25 against AWS's pricing pages; DynamoDB on-demand is at the rates of the
 * 1 November 2024 reduction, Lambda at the arm64 rate of its first tier.
 */
export const pricesCheckedOn = "2026-11-25";

export const prices = {
  /** API Gateway HTTP API, per request (first 300 M a month). A Lambda Function URL has no charge. */
  httpApiRequest: 1.0 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  /** arm64, first 7.5 billion GB-seconds a month. */
  lambdaGbSecond: 0.0000133334,
  /** On demand: one strongly consistent read of up to 4 KB. */
  dynamoReadUnit: 0.125 / 1e6,
  /** On demand: one write of up to 1 KB. */
  dynamoWriteUnit: 0.625 / 1e6,
  /** S3 Standard PUT, COPY, POST and LIST requests. */
  s3PutClassRequest: 0.005 / 1000,
  /** S3 Standard GET, HEAD and all other requests (DELETE is free). */
  s3GetClassRequest: 0.0004 / 1000,
  /** EventBridge Scheduler invocations. */
  schedulerInvocation: 1.0 / 1e6,
  /** CloudWatch standard-resolution alarm, per alarm-month. */
  alarm: 0.1,
} as const;

export const freeAllowances = {
  lambdaRequests: 1e6,
  lambdaGbSeconds: 400_000,
  schedulerInvocations: 14e6,
  alarms: 10,
} as const;

import { Config } from "@fleetdrop/core/config";
import type { S3Event } from "aws-lambda";

/** An ObjectCreated:Post notification as S3 sends it: URL-encoded key, unquoted eTag, sequencer. */
export function objectCreatedEvent(encodedKey: string, size: number, bucket = Config.bucketName): S3Event {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: Config.region,
        eventTime: "2026-11-24T12:00:00.000Z",
        eventName: "ObjectCreated:Post",
        userIdentity: { principalId: "AWS:AIDAEXAMPLE" },
        requestParameters: { sourceIPAddress: "203.0.113.7" },
        responseElements: {
          "x-amz-request-id": "C3D13FE58DE4C810",
          "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD",
        },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "ObjectCreated",
          bucket: { name: bucket, ownerIdentity: { principalId: "A3NL1KOZZKExample" }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodedKey, size, eTag: "d41d8cd98f00b204e9800998ecf8427e", sequencer: "0055AED6DCD90281E5" },
        },
      },
    ],
  };
}

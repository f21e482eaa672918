/**
 * Turns the stand-in's object events into the exact JSON S3 sends to Lambda (event version 2.1,
 * URL-encoded key, sequencer), so the handler's decoding path is the one that runs on AWS.
 */
import { randomBytes } from "node:crypto";
import type { S3Event, S3EventRecord } from "aws-lambda";

/** S3 URL-encodes keys in notifications like HTML forms do: space as "+", "/" kept, the rest %XX. */
export function encodeEventKey(key: string): string {
  return key
    .split("/")
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, "+"),
    )
    .join("/");
}

export interface StandInEvent {
  Records?: {
    eventName?: string;
    eventTime?: string;
    requestParameters?: { sourceIPAddress?: string };
    s3?: { bucket?: { name?: string }; object?: { key?: string; size?: number; eTag?: string } };
  }[];
}

let sequence = 0n;
function nextSequencer(): string {
  sequence += 1n;
  return (BigInt(Date.now()) * 1000n + (sequence % 1000n)).toString(16).toUpperCase().padStart(18, "0");
}

/** One S3 event per created object (S3 sends one record per notification); other kinds are dropped. */
export function toS3Events(raw: unknown, region: string): S3Event[] {
  const records = (raw as StandInEvent).Records ?? [];
  return records
    .filter(
      (record) => record.eventName?.startsWith("ObjectCreated:") && record.s3?.object?.key && record.s3.bucket?.name,
    )
    .map((record): S3Event => {
      const bucket = record.s3!.bucket!.name!;
      const object = record.s3!.object!;
      const s3Record: S3EventRecord = {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: region,
        eventTime: record.eventTime ?? new Date().toISOString(),
        eventName: record.eventName as S3EventRecord["eventName"],
        userIdentity: { principalId: "AWS:LOCAL" },
        requestParameters: { sourceIPAddress: record.requestParameters?.sourceIPAddress ?? "127.0.0.1" },
        responseElements: {
          "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(),
          "x-amz-id-2": randomBytes(32).toString("base64"),
        },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "fleetdrop-object-created",
          bucket: { name: bucket, ownerIdentity: { principalId: "LOCAL" }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: encodeEventKey(object.key!),
            size: object.size ?? 0,
            eTag: object.eTag ?? "",
            sequencer: nextSequencer(),
          },
        },
      };
      return { Records: [s3Record] };
    });
}

/**
 * Test support, not product code. The local stack's bucket reached directly with its credentials,
 * where a test plays an outside party or checks what the bucket holds.
 */
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

const bucket = "fleetdrop-local";

export interface StackBucket {
  keysUnder(prefix: string): Promise<string[]>;
  /** Writes straight to the bucket with its credentials, bypassing any POST policy. */
  putOutsideTheFlow(
    key: string,
    content: Buffer,
    headers?: { contentType?: string; contentDisposition?: string },
  ): Promise<void>;
}

export function stackBucket(s3: S3Client): StackBucket {
  return {
    async keysUnder(prefix) {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (out.Contents ?? []).map((o) => o.Key!).sort();
    },
    async putOutsideTheFlow(key, content, headers = {}) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: content,
          ContentType: headers.contentType,
          ContentDisposition: headers.contentDisposition,
        }),
      );
    },
  };
}

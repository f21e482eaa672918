/**
 * Object storage operations on the one bucket: presigned POST policies for uploads, presigned GETs
 * for downloads, and the inspection/removal the event handler and sweeper need.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { Config } from "../config/index.ts";
import { fullObjectSha256 } from "./checksum.ts";
import { attachment } from "./content-disposition.ts";

export { attachment };

const bucket = Config.bucketName;

let loading: Promise<typeof import("./sdk.ts")> | undefined;

/** The S3 SDK (./sdk.ts), imported on first use and then kept: see there why it is not a static import. */
function sdk(): Promise<typeof import("./sdk.ts")> {
  loading ??= import("./sdk.ts");
  return loading;
}

export interface UploadPolicyInput {
  key: string;
  filename: string;
  size: number;
  sha256: string;
  contentType: string;
  expiresInSeconds: number;
}

export interface UploadPolicy {
  url: string;
  fields: Record<string, string>;
  /** The policy's own `expiration` (whole seconds), so what callers are told is exactly what S3 enforces. */
  expiresAt: string;
}

/**
 * A presigned POST that pins bucket, exact key, exact size, content type and the declared sha256
 * (as metadata, and as S3's own SHA-256 checksum so S3 refuses other bytes where it verifies them,
 * unless S3_POST_CHECKSUM is "off").
 * Every entry of `fields` is an exact-match condition of the signed policy. The download name is
 * stored with the object as its Content-Disposition, so every GET of it answers with that header
 * and presigned GETs need no response-override parameters.
 */
export async function uploadPolicy(input: UploadPolicyInput): Promise<UploadPolicy> {
  const { createPresignedPost, s3 } = await sdk();
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: input.key,
    Expires: input.expiresInSeconds,
    Conditions: [["content-length-range", input.size, input.size]],
    Fields: {
      "Content-Type": input.contentType,
      "Content-Disposition": attachment(input.filename),
      "x-amz-meta-sha256": input.sha256,
      ...(Config.postChecksum ? { "x-amz-checksum-sha256": Buffer.from(input.sha256, "hex").toString("base64") } : {}),
    },
  });
  const policy = JSON.parse(Buffer.from(fields.Policy ?? "", "base64").toString("utf8")) as { expiration: string };
  return { url, fields, expiresAt: new Date(policy.expiration).toISOString() };
}

export async function downloadUrl(key: string): Promise<string> {
  const { getSignedUrl, GetObjectCommand, s3 } = await sdk();
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn: Config.downloadUrlTtlSeconds,
  });
}

export interface StoredObject {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  /** The stored Content-Type and Content-Disposition, as every GET of the object answers with them. */
  contentType?: string;
  contentDisposition?: string;
  /** Hex SHA-256 of the whole object when S3 holds a full-object SHA-256 checksum for it. */
  checksumSha256?: string;
}

export async function head(key: string): Promise<StoredObject | undefined> {
  const { HeadObjectCommand, s3 } = await sdk();
  try {
    // Stryker disable next-line StringLiteral: an optimisation; without the checksum the bytes are read back (sha256Of)
    const out = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }));
    const fullObjectChecksum = fullObjectSha256(out);
    return {
      key,
      size: out.ContentLength ?? 0,
      etag: out.ETag ?? "",
      lastModified: out.LastModified ?? new Date(0),
      ...(out.ContentType !== undefined ? { contentType: out.ContentType } : {}),
      ...(out.ContentDisposition !== undefined ? { contentDisposition: out.ContentDisposition } : {}),
      ...(fullObjectChecksum ? { checksumSha256: fullObjectChecksum } : {}),
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Streams the object through SHA-256 (never buffers it whole); undefined if it is gone. */
export async function sha256Of(key: string): Promise<string | undefined> {
  const { GetObjectCommand, s3 } = await sdk();
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const hash = createHash("sha256");
    for await (const chunk of out.Body as Readable) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Deleting a missing object is not an error (S3 semantics), which keeps every caller idempotent. */
export async function remove(key: string): Promise<void> {
  const { DeleteObjectCommand, s3 } = await sdk();
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** What a listing tells of an object (a HEAD tells more). */
export interface ListedObject {
  key: string;
  lastModified: Date;
}

export async function* list(prefix: string): AsyncGenerator<ListedObject> {
  const { ListObjectsV2Command, s3 } = await sdk();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) {
      // Stryker disable next-line ConditionalExpression: S3 lists every object with its Key; the SDK types it optional
      if (!item.Key) continue;
      yield { key: item.Key, lastModified: item.LastModified ?? new Date(0) };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

function isNotFound(error: unknown): boolean {
  // Stryker disable next-line OptionalChaining: the SDK only throws Error objects, never undefined
  const name = (error as { name?: string } | undefined)?.name;
  return name === "NotFound" || name === "NoSuchKey";
}

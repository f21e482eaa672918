/**
 * The one place configuration enters the code. Resources (bucket, table, admin secret) come through
 * SST links (`Resource.X`, i.e. `SST_RESOURCE_<Name>` env JSON), so Lambda and the local stack share
 * one path. Tunables come from plain env vars with defaults (./tunables.ts). Anything missing or
 * malformed throws at cold start, naming the setting.
 */
import { Resource } from "sst";
import * as z from "zod/mini";
import { Tunables } from "../tunables/index.ts";
import { readEnvironment } from "./tunables.ts";

const Endpoints = z.object({
  /** Set only for S3-compatible servers (the local stack): path-style URLs signed for this host. */
  FLEETDROP_S3_ENDPOINT: z.optional(z.url()),
  FLEETDROP_DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), "us-east-1"),
});

function linked<T>(read: () => T, name: string): T {
  try {
    return read();
  } catch (cause) {
    throw new Error(`Configuration: resource "${name}" is not linked (set SST_RESOURCE_${name}).`, { cause });
  }
}

function load() {
  // Read again here, not taken from the logger's early reading of the tunables: the local stack sets
  // CORS_ALLOWED_ORIGINS once its dashboard listens, before the handlers load (as on a cold start).
  const env = { ...readEnvironment(Endpoints, process.env), ...readEnvironment(Tunables, process.env) };
  return {
    // Stryker disable next-line StringLiteral: the name is only the missing link's error text (pinned for AdminToken)
    bucketName: linked(() => Resource.Bucket.name, "Bucket"),
    // Stryker disable next-line StringLiteral: the name is only the missing link's error text (pinned for AdminToken)
    tableName: linked(() => Resource.Table.name, "Table"),
    /** Read on first use: only the API links the admin secret (and reads it at cold start, api/auth.ts). */
    get adminToken(): string {
      return linked(() => Resource.AdminToken.value, "AdminToken");
    },
    /**
     * The webhook signing secret, read on first use: only the functions that send webhooks link it
     * (WebhookSecret; the local stack links WEBHOOK_SECRET). Empty means unsigned.
     */
    get webhookSecret(): string | undefined {
      // Stryker disable next-line StringLiteral: the name is only the missing link's error text (pinned for AdminToken)
      return linked(() => Resource.WebhookSecret.value, "WebhookSecret") || undefined;
    },
    region: env.AWS_REGION,
    maxFileSizeBytes: env.MAX_FILE_SIZE_BYTES,
    uploadUrlTtlSeconds: env.UPLOAD_URL_TTL_SECONDS,
    downloadUrlTtlSeconds: env.DOWNLOAD_URL_TTL_SECONDS,
    uploadExpiryGraceSeconds: env.UPLOAD_EXPIRY_GRACE_SECONDS,
    sweeperObjectMinAgeSeconds: env.SWEEPER_OBJECT_MIN_AGE_SECONDS,
    lastSeenResolutionSeconds: env.LAST_SEEN_RESOLUTION_SECONDS,
    staleAfterSeconds: env.STALE_AFTER_SECONDS,
    webhookUrl: env.WEBHOOK_URL,
    logLevel: env.LOG_LEVEL,
    postChecksum: env.S3_POST_CHECKSUM === "on",
    s3Endpoint: env.FLEETDROP_S3_ENDPOINT,
    dynamoEndpoint: env.FLEETDROP_DYNAMODB_ENDPOINT,
    corsAllowedOrigins: env.CORS_ALLOWED_ORIGINS,
  };
}

export type Config = ReturnType<typeof load>;
export const Config: Config = load();

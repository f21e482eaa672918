/**
 * The one place configuration enters the code. Resources (bucket, table, admin secret) come through
 * SST links (`Resource.X`, i.e. `SST_RESOURCE_<Name>` env JSON), so Lambda and the local stack share
 * one path. Tunables come from plain env vars with defaults. Anything missing or malformed throws
 * at cold start, naming the setting.
 */
import { Resource } from "sst";
import * as z from "zod";

const GiB = 1024 ** 3;

const Tunables = z.object({
  MAX_FILE_SIZE_BYTES: z.coerce.number().int().positive().max(5 * GiB).default(5 * GiB),
  UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(15 * 60),
  DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(3600),
  /** How long after a policy expires a pending upload is left alone before the sweeper expires it. */
  UPLOAD_EXPIRY_GRACE_SECONDS: z.coerce.number().int().min(0).default(15 * 60),
  /** How old an unprocessed object must be before the sweeper processes it in place of its event. */
  SWEEPER_OBJECT_MIN_AGE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Set only for S3-compatible servers (the local stack): path-style URLs signed for this host. */
  FLEETDROP_S3_ENDPOINT: z.url().optional(),
  FLEETDROP_DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default("us-east-1"),
  /** Browser origins the API answers CORS for (the dashboard's), comma separated; none by default. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((origin) => origin.trim().replace(/\/+$/, "")).filter(Boolean)),
});

function linked<T>(read: () => T, name: string): T {
  try {
    return read();
  } catch (cause) {
    throw new Error(`Configuration: resource "${name}" is not linked (set SST_RESOURCE_${name}).`, { cause });
  }
}

function load() {
  const parsed = Tunables.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Configuration: invalid environment: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  return {
    bucketName: linked(() => Resource.Bucket.name, "Bucket"),
    tableName: linked(() => Resource.Table.name, "Table"),
    /** Read on first use: only the API links the admin secret (and reads it at cold start, api/auth.ts). */
    get adminToken(): string {
      return linked(() => Resource.AdminToken.value, "AdminToken");
    },
    region: env.AWS_REGION,
    maxFileSizeBytes: env.MAX_FILE_SIZE_BYTES,
    uploadUrlTtlSeconds: env.UPLOAD_URL_TTL_SECONDS,
    downloadUrlTtlSeconds: env.DOWNLOAD_URL_TTL_SECONDS,
    uploadExpiryGraceSeconds: env.UPLOAD_EXPIRY_GRACE_SECONDS,
    sweeperObjectMinAgeSeconds: env.SWEEPER_OBJECT_MIN_AGE_SECONDS,
    s3Endpoint: env.FLEETDROP_S3_ENDPOINT,
    dynamoEndpoint: env.FLEETDROP_DYNAMODB_ENDPOINT,
    corsAllowedOrigins: env.CORS_ALLOWED_ORIGINS,
  };
}

export type Config = ReturnType<typeof load>;
export const Config: Config = load();

/**
 * The tunables: plain environment variables with defaults, the same on Lambda and locally. Pure
 * data: ../config parses them at cold start, and infra/functions.ts passes each one through from
 * the deploy environment when it is set there.
 */
import * as z from "zod";

const GiB = 1024 ** 3;
const week = 7 * 24 * 3600;

export const Tunables = z.object({
  MAX_FILE_SIZE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(5 * GiB)
    .default(5 * GiB),
  UPLOAD_URL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(week)
    .default(15 * 60),
  DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(week).default(3600),
  /** How long after a policy expires a pending upload is left alone before the sweeper expires it. */
  UPLOAD_EXPIRY_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15 * 60),
  /** How old an unprocessed object must be before the sweeper processes it in place of its event. */
  SWEEPER_OBJECT_MIN_AGE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** "off" leaves x-amz-checksum-sha256 out of upload POST policies, should S3 refuse the field. */
  S3_POST_CHECKSUM: z.enum(["on", "off"]).default("on"),
  /**
   * How stale a machine's stored lastSeenAt may get before a 304 poll rewrites it: a poll within
   * this many seconds of the stored value writes nothing (0: every poll writes).
   */
  LAST_SEEN_RESOLUTION_SECONDS: z.coerce.number().int().min(0).default(60),
  /** A machine not seen (no authenticated GET /download) for this long is `stale`. */
  STALE_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 3600),
  /** Where webhooks are POSTed; unset: no events are recorded or sent. Its secret is a link (WebhookSecret). */
  WEBHOOK_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url({ protocol: /^https?$/ }).optional()),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Browser origins the API answers CORS for (the dashboard's), comma separated, or "*"; none by default. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((origin) => origin.trim().replace(/\/+$/, ""))
        .filter(Boolean),
    ),
});
export type Tunables = z.infer<typeof Tunables>;

export const tunableNames = Object.keys(Tunables.shape) as (keyof Tunables)[];

/**
 * The tunables: plain environment variables with defaults, the same on Lambda and locally. Pure
 * data: ../config parses them at cold start, and infra/functions.ts passes each one through from
 * the deploy environment when it is set there.
 */
import * as z from "zod/mini";

const GiB = 1024 ** 3;
const week = 7 * 24 * 3600;

export const Tunables = z.object({
  MAX_FILE_SIZE_BYTES: z._default(z.coerce.number().check(z.int(), z.positive(), z.maximum(5 * GiB)), 5 * GiB),
  UPLOAD_URL_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(week)), 15 * 60),
  DOWNLOAD_URL_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(week)), 3600),
  /** How long after a policy expires a pending upload is left alone before the sweeper expires it. */
  UPLOAD_EXPIRY_GRACE_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 15 * 60),
  /** How old an unprocessed object must be before the sweeper processes it in place of its event. */
  SWEEPER_OBJECT_MIN_AGE_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 60),
  /** "off" leaves x-amz-checksum-sha256 out of upload POST policies, should S3 refuse the field. */
  S3_POST_CHECKSUM: z._default(z.enum(["on", "off"]), "on"),
  /**
   * How stale a machine's stored lastSeenAt may get before a 304 poll rewrites it: a poll within
   * this many seconds of the stored value writes nothing (0: every poll writes).
   */
  LAST_SEEN_RESOLUTION_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 60),
  /** A machine not seen (no authenticated GET /download) for this long is `stale`. */
  STALE_AFTER_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 24 * 3600),
  /** Where webhooks are POSTed; unset: no events are recorded or sent. Its secret is a link (WebhookSecret). */
  WEBHOOK_URL: z.pipe(
    z.transform((value: unknown) => (value === "" ? undefined : value)),
    z.optional(z.url({ protocol: /^https?$/ })),
  ),
  LOG_LEVEL: z._default(z.enum(["debug", "info", "warn", "error", "silent"]), "info"),
  /** Browser origins the API answers CORS for (the dashboard's), comma separated, or "*"; none by default. */
  CORS_ALLOWED_ORIGINS: z.pipe(
    z._default(z.string(), ""),
    z.transform((list: string) =>
      list
        .split(",")
        .map((origin) => origin.trim().replace(/\/+$/, ""))
        .filter(Boolean),
    ),
  ),
});
export type Tunables = z.infer<typeof Tunables>;

export const tunableNames = Object.keys(Tunables.shape) as (keyof Tunables)[];

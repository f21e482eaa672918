/** The local stack's settings (CONTRACT §1), from the environment, validated up front. */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Issues } from "@fleetdrop/core/error";
import * as z from "zod";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

const Port = z.coerce.number().int().min(0).max(65535);

const Env = z.object({
  PORT: Port.default(3000),
  FLEETDROP_DATA_DIR: z.string().min(1).optional(),
  FLEETDROP_S3_PORT: Port.default(4569),
  FLEETDROP_DYNAMODB_PORT: Port.default(4567),
  FLEETDROP_WEB_PORT: Port.default(3001),
  FLEETDROP_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  FLEETDROP_SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
  /** Delays before redelivering a failed event; Lambda retries async invocations twice (after ~1 and ~2 minutes). */
  FLEETDROP_EVENT_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "must be milliseconds separated by commas, such as 1000,2000")
    .default("1000,2000")
    .transform((value) => value.split(",").map(Number)),
  /** Signs webhooks (CONTRACT §6); linked to the handlers as the WebhookSecret resource, as on AWS. */
  WEBHOOK_SECRET: z.string().optional(),
});

export type Settings = ReturnType<typeof readSettings>;

export function readSettings(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Issues.parse(Env, env);
  if (!parsed.success) throw new Error(`Invalid local stack settings: ${Issues.describe(parsed.error.issues)}`);
  const values = parsed.data;
  return {
    port: values.PORT,
    dataDir: resolve(values.FLEETDROP_DATA_DIR ?? resolve(repoRoot, ".fleetdrop")),
    s3Port: values.FLEETDROP_S3_PORT,
    dynamoPort: values.FLEETDROP_DYNAMODB_PORT,
    webPort: values.FLEETDROP_WEB_PORT,
    adminToken: values.FLEETDROP_ADMIN_TOKEN,
    sweepIntervalMs: values.FLEETDROP_SWEEP_INTERVAL_SECONDS * 1000,
    eventRetryDelaysMs: values.FLEETDROP_EVENT_RETRY_DELAYS_MS,
    webhookSecret: values.WEBHOOK_SECRET,
    host: "127.0.0.1",
    bucketName: "fleetdrop-local",
    tableName: "fleetdrop-local",
    region: "us-east-1",
  };
}

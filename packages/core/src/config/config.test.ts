import { afterEach, expect, test, vi } from "vitest";
import { Tunables } from "../tunables/index.ts";
import { Config } from "./index.ts";
import { readEnvironment } from "./tunables.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

test("resources come from their SST links, read when first used", () => {
  const linked = (name: string) => JSON.parse(process.env[`SST_RESOURCE_${name}`]!);
  expect(Config.bucketName).toBe(linked("Bucket").name);
  expect(Config.tableName).toBe(linked("Table").name);
  expect(Config.adminToken).toBe(linked("AdminToken").value);
  expect(linked("WebhookSecret").value).toBe("");
  // An empty signing secret is none: webhooks go unsigned.
  expect(Config.webhookSecret).toBeUndefined();
});

test("the region defaults to us-east-1, and S3_POST_CHECKSUM=off turns the policy's checksum off", async () => {
  expect(Config.postChecksum).toBe(true);
  vi.stubEnv("AWS_REGION", undefined);
  vi.stubEnv("S3_POST_CHECKSUM", "off");
  vi.resetModules();
  const fresh = (await import("./index.ts")).Config;
  expect(fresh.region).toBe("us-east-1");
  expect(fresh.postChecksum).toBe(false);
});

test("a bad setting fails at start, naming the setting and the problem", () => {
  expect(() => readEnvironment(Tunables, { DOWNLOAD_URL_TTL_SECONDS: "0", LOG_LEVEL: "loud" })).toThrow(
    'Configuration: invalid environment: DOWNLOAD_URL_TTL_SECONDS: must be at least 1; LOG_LEVEL: must be one of "debug", "info", "warn", "error", "silent"',
  );
  expect(readEnvironment(Tunables, { DOWNLOAD_URL_TTL_SECONDS: "60" }).DOWNLOAD_URL_TTL_SECONDS).toBe(60);
});

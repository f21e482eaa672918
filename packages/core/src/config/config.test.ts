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

test("a resource that is not linked fails when used, naming the link to set", () => {
  // sst keeps the links it read in this global; taking one out is a function deployed without it.
  const links = (globalThis as { __SST_RESOURCE_RAW__?: Record<string, unknown> }).__SST_RESOURCE_RAW__!;
  const adminToken = links.AdminToken;
  delete links.AdminToken;
  try {
    expect(() => Config.adminToken).toThrow(
      'Configuration: resource "AdminToken" is not linked (set SST_RESOURCE_AdminToken).',
    );
    let cause: unknown;
    try {
      Config.adminToken;
    } catch (error) {
      cause = (error as Error).cause;
    }
    expect(String(cause)).toMatch(/AdminToken/);
  } finally {
    links.AdminToken = adminToken;
  }
  expect(Config.adminToken).toBe(JSON.parse(process.env.SST_RESOURCE_AdminToken!).value);
});

import { expect, test } from "vitest";
import { Tunables, tunableNames } from "./index.ts";

// The defaults are part of the contract (§2: 15-minute upload policies, 3600 s download URLs), so
// they are pinned here as literal numbers, not compared against the code that defines them.
test("with an empty environment every tunable takes its documented default", () => {
  expect(Tunables.parse({})).toEqual({
    MAX_FILE_SIZE_BYTES: 5_368_709_120,
    UPLOAD_URL_TTL_SECONDS: 900,
    DOWNLOAD_URL_TTL_SECONDS: 3600,
    UPLOAD_EXPIRY_GRACE_SECONDS: 900,
    SWEEPER_OBJECT_MIN_AGE_SECONDS: 60,
    LOG_LEVEL: "info",
    S3_POST_CHECKSUM: "on",
    LAST_SEEN_RESOLUTION_SECONDS: 60,
    STALE_AFTER_SECONDS: 86_400,
    CORS_ALLOWED_ORIGINS: [],
  });
  expect([...tunableNames].sort()).toEqual([
    "CORS_ALLOWED_ORIGINS",
    "DOWNLOAD_URL_TTL_SECONDS",
    "LAST_SEEN_RESOLUTION_SECONDS",
    "LOG_LEVEL",
    "MAX_FILE_SIZE_BYTES",
    "S3_POST_CHECKSUM",
    "STALE_AFTER_SECONDS",
    "SWEEPER_OBJECT_MIN_AGE_SECONDS",
    "UPLOAD_EXPIRY_GRACE_SECONDS",
    "UPLOAD_URL_TTL_SECONDS",
    "WEBHOOK_URL",
  ]);
});

test("values from the environment are read as numbers within their bounds", () => {
  const parsed = Tunables.parse({
    DOWNLOAD_URL_TTL_SECONDS: "600",
    UPLOAD_EXPIRY_GRACE_SECONDS: "0",
    MAX_FILE_SIZE_BYTES: "1",
  });
  expect(parsed).toMatchObject({
    DOWNLOAD_URL_TTL_SECONDS: 600,
    UPLOAD_EXPIRY_GRACE_SECONDS: 0,
    MAX_FILE_SIZE_BYTES: 1,
  });
  expect(Tunables.parse({ UPLOAD_URL_TTL_SECONDS: "604800" }).UPLOAD_URL_TTL_SECONDS).toBe(604_800);
  expect(Tunables.parse({ MAX_FILE_SIZE_BYTES: "5368709120" }).MAX_FILE_SIZE_BYTES).toBe(5_368_709_120);

  const refused: Record<string, string>[] = [
    { UPLOAD_URL_TTL_SECONDS: "0" },
    { UPLOAD_URL_TTL_SECONDS: "604801" },
    { DOWNLOAD_URL_TTL_SECONDS: "0" },
    { DOWNLOAD_URL_TTL_SECONDS: "604801" },
    { DOWNLOAD_URL_TTL_SECONDS: "1.5" },
    { UPLOAD_EXPIRY_GRACE_SECONDS: "-1" },
    { SWEEPER_OBJECT_MIN_AGE_SECONDS: "-1" },
    { MAX_FILE_SIZE_BYTES: "0" },
    { MAX_FILE_SIZE_BYTES: "5368709121" },
    { LOG_LEVEL: "verbose" },
  ];
  for (const env of refused) expect(Tunables.safeParse(env).success, JSON.stringify(env)).toBe(false);
});

test("each setting accepts exactly its documented values", () => {
  const accepted: [Record<string, string>, Partial<Record<string, unknown>>][] = [
    [{ S3_POST_CHECKSUM: "off" }, { S3_POST_CHECKSUM: "off" }],
    [{ S3_POST_CHECKSUM: "on" }, { S3_POST_CHECKSUM: "on" }],
    [{ LAST_SEEN_RESOLUTION_SECONDS: "0" }, { LAST_SEEN_RESOLUTION_SECONDS: 0 }],
    [{ LAST_SEEN_RESOLUTION_SECONDS: "300" }, { LAST_SEEN_RESOLUTION_SECONDS: 300 }],
    [{ STALE_AFTER_SECONDS: "1" }, { STALE_AFTER_SECONDS: 1 }],
    [{ STALE_AFTER_SECONDS: "3600" }, { STALE_AFTER_SECONDS: 3600 }],
    ...["debug", "info", "warn", "error", "silent"].map((level): [Record<string, string>, Record<string, unknown>] => [
      { LOG_LEVEL: level },
      { LOG_LEVEL: level },
    ]),
  ];
  for (const [env, expected] of accepted) expect(Tunables.parse(env), JSON.stringify(env)).toMatchObject(expected);
  const refused: Record<string, string>[] = [
    { S3_POST_CHECKSUM: "yes" },
    { LAST_SEEN_RESOLUTION_SECONDS: "-1" },
    { STALE_AFTER_SECONDS: "0" },
  ];
  for (const env of refused) expect(Tunables.safeParse(env).success, JSON.stringify(env)).toBe(false);
});

test("WEBHOOK_URL is an http(s) URL; empty means none", () => {
  expect(Tunables.parse({ WEBHOOK_URL: "" }).WEBHOOK_URL).toBeUndefined();
  expect(Tunables.parse({}).WEBHOOK_URL).toBeUndefined();
  for (const url of ["http://127.0.0.1:9/hook", "https://hooks.example.com/services/T0/B0"]) {
    expect(Tunables.parse({ WEBHOOK_URL: url }).WEBHOOK_URL).toBe(url);
  }
  for (const url of [
    "ftp://hooks.example.com/",
    "xhttps://hooks.example.com/",
    "httpsx://hooks.example.com/",
    "hooks",
  ]) {
    expect(Tunables.safeParse({ WEBHOOK_URL: url }).success, url).toBe(false);
  }
});

test("CORS_ALLOWED_ORIGINS is a comma-separated list, trimmed, without trailing slashes", () => {
  const origins = (value: string) => Tunables.parse({ CORS_ALLOWED_ORIGINS: value }).CORS_ALLOWED_ORIGINS;
  expect(origins(" https://a.example/ ,http://127.0.0.1:5173//,, ")).toEqual([
    "https://a.example",
    "http://127.0.0.1:5173",
  ]);
  expect(origins("*")).toEqual(["*"]);
  expect(origins("")).toEqual([]);
});

import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { readSettings } from "./settings.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");

// Contract §1's defaults, pinned as literals. Tested by parsing, not by starting a stack on them:
// the default ports would collide with a developer's running `npm start`.
test("with an empty environment: ports 3000/4569/4567 on 127.0.0.1, data in .fleetdrop under the repo root", () => {
  const settings = readSettings({});
  expect(settings).toMatchObject({
    port: 3000,
    s3Port: 4569,
    dynamoPort: 4567,
    host: "127.0.0.1",
    dataDir: `${repoRoot}/.fleetdrop`,
    adminToken: undefined,
    sweepIntervalMs: 60_000,
  });
});

test("each variable overrides its default; a relative data dir is resolved", () => {
  const settings = readSettings({
    PORT: "8080",
    FLEETDROP_S3_PORT: "9000",
    FLEETDROP_DYNAMODB_PORT: "9001",
    FLEETDROP_DATA_DIR: "/srv/fleetdrop",
    FLEETDROP_ADMIN_TOKEN: "an-admin-token-of-enough-length",
    FLEETDROP_SWEEP_INTERVAL_SECONDS: "0.5",
  });
  expect(settings).toMatchObject({
    port: 8080,
    s3Port: 9000,
    dynamoPort: 9001,
    dataDir: "/srv/fleetdrop",
    adminToken: "an-admin-token-of-enough-length",
    sweepIntervalMs: 500,
    host: "127.0.0.1",
  });
  expect(readSettings({ FLEETDROP_DATA_DIR: "state" }).dataDir).toBe(`${process.cwd()}/state`);
});

test("bad settings fail at start, naming each one", () => {
  expect(() => readSettings({ PORT: "http", FLEETDROP_S3_PORT: "70000" })).toThrow(
    /^Invalid local stack settings: PORT: must be a number; FLEETDROP_S3_PORT: must be at most 65535$/,
  );
  expect(() => readSettings({ FLEETDROP_ADMIN_TOKEN: "short" })).toThrow(
    /FLEETDROP_ADMIN_TOKEN: must be at least 16 characters/,
  );
  expect(() => readSettings({ FLEETDROP_SWEEP_INTERVAL_SECONDS: "0" })).toThrow(/FLEETDROP_SWEEP_INTERVAL_SECONDS/);
});

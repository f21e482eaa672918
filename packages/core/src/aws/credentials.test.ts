import { afterEach, expect, test, vi } from "vitest";
import { lambdaCredentials } from "./credentials.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

test("on Lambda the clients read the role's credentials from the environment", async () => {
  vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "fleetdrop-prod-Api");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
  vi.stubEnv("AWS_SESSION_TOKEN", "session");
  const provider = lambdaCredentials();
  expect(provider).toBeDefined();
  await expect(provider!()).resolves.toMatchObject({
    accessKeyId: "ASIAEXAMPLE",
    secretAccessKey: "secret",
    sessionToken: "session",
  });
});

test("off Lambda the SDK's default chain applies (the local stack's static keys, a profile)", () => {
  vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", undefined);
  expect(lambdaCredentials()).toBeUndefined();
});

/** `npm run smoke` as an operator runs it, against the real local stack (packages/e2e harness). */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { explainRefusedPost } from "./client.ts";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));

async function smoke(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [main, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const rows = (stdout: string) =>
  new Map(
    stdout
      .split("\n")
      .map((line) => /^(.+?)\s{2,}(pass|fail|skipped)\s+(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!.trim(), { outcome: match[2]!, detail: match[3]! }]),
  );

describe("npm run smoke against the local stack", () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  test("every step passes (the report is skipped only while POST /reports is absent), and it cleans up", async () => {
    const { code, stdout } = await smoke("--url", `${stack.url}/`, "--admin-token", stack.adminToken);
    const steps = rows(stdout);
    expect(steps.size, stdout).toBe(12);
    for (const [step, { outcome, detail }] of steps) {
      if (step === "report installed" && outcome === "skipped") expect(detail).toBe("skipped (route absent: 404)");
      else expect(outcome, `${step}: ${detail}`).toBe("pass");
    }
    expect(code, stdout).toBe(0);
    const left = await stack.api("GET", "/machines");
    expect(left.body.machines.filter((m: { machineId: string }) => m.machineId.startsWith("smoke-"))).toEqual([]);
  });

  test("a wrong admin token fails the run with exit 1 and says why", async () => {
    const { code, stdout } = await smoke("--url", stack.url, "--admin-token", "fda_not-the-token");
    expect(code).toBe(1);
    const register = rows(stdout).get("register a throw-away machine");
    expect(register?.outcome).toBe("fail");
    expect(register?.detail).toContain("401");
    expect(stdout).toMatch(/1 failed/);
  });

  test("usage errors exit 2", async () => {
    const { code, stderr } = await smoke("--url", "not-a-url", "--admin-token", "x");
    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run smoke");
  });
});

describe("a refused POST", () => {
  const body = "<Error><Code>InvalidRequest</Code><Message>Unsupported field</Message></Error>";

  test("names S3's error and, when the POST carried the checksum field, the setting that drops it", () => {
    const withChecksum = explainRefusedPost(400, body, { key: "k", "x-amz-checksum-sha256": "abc=" });
    expect(withChecksum).toContain("400 (InvalidRequest: Unsupported field)");
    expect(withChecksum).toContain('S3_POST_CHECKSUM to "off"');
    expect(explainRefusedPost(403, body, { key: "k" })).not.toContain("S3_POST_CHECKSUM");
  });
});

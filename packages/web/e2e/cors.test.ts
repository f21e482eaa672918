/**
 * CORS for the dashboard, which is served on its own origin, against the real local stack: the API
 * and the local bucket answer preflights from that origin only. No browser needed; the dashboard in
 * a browser is tested in dashboard.test.ts.
 */
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe("CORS for the dashboard's origin", () => {
  it("the API answers preflights from the dashboard's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/machines`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "authorization",
        },
      });
    const allowed = await preflight(stack.webUrl);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(stack.webUrl);
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    expect((await preflight("http://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("the local bucket allows the browser's POST from the dashboard's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.s3Endpoint}/fleetdrop-local`, {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
      });
    const allowed = await preflight(stack.webUrl);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect((await preflight("http://evil.example")).status).toBe(403);
  });
});

import { describe, expect, it } from "vitest";
import { connectSources, contentSecurityPolicy } from "../csp.ts";

describe("the dashboard's CSP", () => {
  it("allows no inline script or style and connects only to the API and the bucket", () => {
    const policy = contentSecurityPolicy(
      connectSources({
        VITE_API_URL: "https://abc.execute-api.eu-west-1.amazonaws.com/",
        VITE_UPLOAD_ORIGIN: "https://b.s3.eu-west-1.amazonaws.com, https://b.s3.amazonaws.com",
      }),
    );
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain("unsafe-inline");
    const api = "https://abc.execute-api.eu-west-1.amazonaws.com";
    expect(policy).toContain(
      `connect-src 'self' ${api} https://b.s3.eu-west-1.amazonaws.com https://b.s3.amazonaws.com;`,
    );
  });

  it("allows loopback on any port in a build for the local stack", () => {
    expect(connectSources({})).toEqual(["http://127.0.0.1:*", "http://localhost:*"]);
  });
});

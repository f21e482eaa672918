import { describe, expect, it } from "vitest";
import { parseS3Error } from "./s3-post.ts";

describe("parseS3Error", () => {
  it("reads S3's code and message", () => {
    const error = parseS3Error(403, "<Error><Code>AccessDenied</Code><Message>Policy expired.</Message></Error>");
    expect(error).toMatchObject({ status: 403, code: "AccessDenied" });
    expect(error.message).toBe("S3 refused the upload (403 AccessDenied: Policy expired.).");
  });

  it("still says something for a body that is not S3's XML", () => {
    expect(parseS3Error(502, "Bad Gateway").message).toBe("S3 refused the upload (502 http_error).");
  });
});

import { expect, test } from "vitest";
import { multipartParts } from "./multipart.ts";
import { parseS3Error, S3PostError } from "./s3-errors.ts";

test("S3 error documents are parsed", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy Condition failed: [&quot;eq&quot;, &quot;$key&quot;]</Message></Error>`;
  expect(parseS3Error(xml)).toEqual({
    code: "AccessDenied",
    message: 'Invalid according to Policy: Policy Condition failed: ["eq", "$key"]',
  });
  expect(parseS3Error("<html>bad gateway</html>")).toBeUndefined();
});

test("only server-side S3 failures are retried", () => {
  expect(new S3PostError(503, "SlowDown", "").transient).toBe(true);
  expect(new S3PostError(500, "InternalError", "").transient).toBe(true);
  expect(new S3PostError(400, "RequestTimeout", "").transient).toBe(true);
  expect(new S3PostError(403, "AccessDenied", "").transient).toBe(false);
  expect(new S3PostError(400, "EntityTooLarge", "").transient).toBe(false);
});

test("multipart framing puts every field first and the file part last", () => {
  const { head, tail } = multipartParts({ key: "files/m/1.bin", Policy: "abc" }, "B");
  expect(head.toString()).toBe(
    '--B\r\nContent-Disposition: form-data; name="key"\r\n\r\nfiles/m/1.bin\r\n' +
      '--B\r\nContent-Disposition: form-data; name="Policy"\r\n\r\nabc\r\n' +
      '--B\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\n',
  );
  expect(tail.toString()).toBe("\r\n--B--\r\n");
});

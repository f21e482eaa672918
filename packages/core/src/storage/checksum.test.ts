import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { fullObjectSha256 } from "./checksum.ts";

const bytes = Buffer.from("fleetdrop");
const hex = createHash("sha256").update(bytes).digest("hex");
const base64 = createHash("sha256").update(bytes).digest("base64");

test("a full-object checksum is the bytes' sha256, in hex", () => {
  expect(fullObjectSha256({ ChecksumSHA256: base64, ChecksumType: "FULL_OBJECT" })).toBe(hex);
  // Older answers carry no ChecksumType for a single-part object's checksum.
  expect(fullObjectSha256({ ChecksumSHA256: base64 })).toBe(hex);
});

test("no checksum, or a multipart upload's composite one, gives no sha256", () => {
  expect(fullObjectSha256({})).toBeUndefined();
  expect(fullObjectSha256({ ChecksumSHA256: "" })).toBeUndefined();
  expect(fullObjectSha256({ ChecksumSHA256: base64, ChecksumType: "COMPOSITE" })).toBeUndefined();
  expect(fullObjectSha256({ ChecksumSHA256: `${base64}-3` })).toBeUndefined();
});

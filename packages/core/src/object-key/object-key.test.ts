import { expect, test } from "vitest";
import { extensionOf, forUpload, fromEventKey, parse } from "./object-key.ts";

const uploadId = "01M87Y9QCM7YA744HME8C4K83V";

test("keys follow files/{machineId}/{uploadId}{ext}", () => {
  expect(forUpload("m-1", uploadId, "Firmware.BIN")).toBe(`files/m-1/${uploadId}.bin`);
  expect(forUpload("m-1", uploadId, "README")).toBe(`files/m-1/${uploadId}`);
});

test("extensions are lowercased and restricted to [a-z0-9.]", () => {
  expect(extensionOf("archive.TAR")).toBe(".tar");
  expect(extensionOf("weird.t@r!")).toBe(".tr");
  expect(extensionOf("über.ÄÖ")).toBe("");
  expect(extensionOf(".bashrc")).toBe("");
  expect(extensionOf("trailing.")).toBe("");
  expect(extensionOf("a.b.gz")).toBe(".gz");
  expect(extensionOf("noext")).toBe("");
  expect(extensionOf("x.ABCDEFGHIJKLMNOPQRSTUVWXYZ")).toBe(".abcdefghijklmnop");
});

test("parse accepts only our layout", () => {
  expect(parse(`files/m-1/${uploadId}.bin`)).toEqual({ machineId: "m-1", uploadId });
  expect(parse(`files/m-1/${uploadId}`)).toEqual({ machineId: "m-1", uploadId });
  expect(parse(`files/m-1/${uploadId}.BIN`)).toBeUndefined();
  expect(parse(`files/../${uploadId}`)).toBeUndefined();
  expect(parse(`other/m-1/${uploadId}`)).toBeUndefined();
  expect(parse(`files/m-1/sub/${uploadId}`)).toBeUndefined();
  expect(parse("files/m-1/not-an-id.txt")).toBeUndefined();
});

test("event keys are decoded as S3 encodes them", () => {
  expect(fromEventKey("files/m-1/a+b%2Bc%C3%BC.txt")).toBe("files/m-1/a b+cü.txt");
});

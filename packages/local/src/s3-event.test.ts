import { expect, test } from "vitest";
import { encodeEventKey, toS3Events } from "./s3-event.ts";

test("keys are encoded as S3 encodes them in notifications", () => {
  expect(encodeEventKey("files/m1/01ABC.bin")).toBe("files/m1/01ABC.bin");
  expect(encodeEventKey("files/my machine/a+b (1)!.txt")).toBe("files/my+machine/a%2Bb+%281%29%21.txt");
  expect(encodeEventKey("files/ü/é.txt")).toBe("files/%C3%BC/%C3%A9.txt");
  expect(decodeURIComponent(encodeEventKey("x y+z~'*").replace(/\+/g, " "))).toBe("x y+z~'*");
});

test("stand-in events become one S3 event 2.1 per created object; removals are dropped", () => {
  const raw = {
    Records: [
      {
        eventName: "ObjectCreated:Post",
        s3: { bucket: { name: "b" }, object: { key: "files/m 1/k", size: 5, eTag: "abc" } },
      },
      { eventName: "ObjectRemoved:Delete", s3: { bucket: { name: "b" }, object: { key: "files/m1/k" } } },
    ],
  };
  const events = toS3Events(raw, "eu-west-1");
  expect(events).toHaveLength(1);
  const record = events[0]!.Records[0]!;
  expect(record).toMatchObject({
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "eu-west-1",
    eventName: "ObjectCreated:Post",
    s3: { bucket: { name: "b", arn: "arn:aws:s3:::b" }, object: { key: "files/m+1/k", size: 5, eTag: "abc" } },
  });
  expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]+$/);
});

test("sequencers increase from one event to the next", () => {
  const raw = { Records: [{ eventName: "ObjectCreated:Put", s3: { bucket: { name: "b" }, object: { key: "k" } } }] };
  const first = toS3Events(raw, "us-east-1")[0]!.Records[0]!.s3.object.sequencer;
  const second = toS3Events(raw, "us-east-1")[0]!.Records[0]!.s3.object.sequencer;
  expect(second.localeCompare(first)).toBeGreaterThan(0);
});

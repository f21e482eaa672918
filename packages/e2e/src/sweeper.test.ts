import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startStack, type RunningStack } from "@fleetdrop/testing/harness";

// A stack whose S3 events are lost (as if the notification never arrived) and whose sweeper
// considers everything settled at once; the sweep is triggered through /_local/sweep.
let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack({
    env: {
      FLEETDROP_LOCAL_EVENTS: "off",
      SWEEPER_OBJECT_MIN_AGE_SECONDS: "0",
      // Short enough to expire within the test, long enough that a POST right after declaring is in
      // time: the local S3 refuses an expired policy, as S3 does.
      UPLOAD_URL_TTL_SECONDS: "4",
      UPLOAD_EXPIRY_GRACE_SECONDS: "0",
      FLEETDROP_SWEEP_INTERVAL_SECONDS: "3600",
    },
  });
});
afterAll(() => stack?.stop());

const sweep = async () => {
  const res = await stack.api("POST", "/_local/sweep");
  expect(res.status).toBe(200);
  return res.body;
};

test("a completed upload whose event never arrived is promoted by the sweeper", async () => {
  await stack.registerMachine("lost-1");
  const content = randomBytes(2048);
  const intent = await stack.declare("lost-1", content);
  expect((await stack.uploadBytes(intent, content)).status).toBe(204);
  expect((await stack.api("GET", `/uploads/${intent.uploadId}`)).body.status).toBe("pending");
  const report = await sweep();
  expect(report.processed).toBeGreaterThanOrEqual(1);
  expect((await stack.api("GET", `/uploads/${intent.uploadId}`)).body.status).toBe("active");
  expect((await stack.api("GET", "/machines/lost-1")).body.file?.uploadId).toBe(intent.uploadId);
});

test("pending uploads past their expiry (plus grace) become expired; running again changes nothing", async () => {
  await stack.registerMachine("idle-1");
  const intent = await stack.declare("idle-1", randomBytes(10));
  const deadline = Date.now() + 20_000;
  let upload: { status: string; reason?: string };
  for (;;) {
    await sweep();
    upload = (await stack.api("GET", `/uploads/${intent.uploadId}`)).body;
    if (upload.status !== "pending") break;
    if (Date.now() > deadline) throw new Error("the abandoned upload never expired");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(intent.expiresAt));
  expect(upload.status).toBe("expired");
  expect(upload.reason).toMatch(/expired/);
  await sweep();
  expect((await stack.api("GET", `/uploads/${intent.uploadId}`)).body.status).toBe("expired");
});

test("objects under files/ that no current file references are deleted", async () => {
  await stack.registerMachine("stray-1");
  const { intent } = await (async () => {
    const content = randomBytes(100);
    const declared = await stack.declare("stray-1", content);
    await stack.uploadBytes(declared, content);
    return { intent: declared };
  })();
  await sweep();
  const strays = ["files/stray-1/01M87Y9QCM7YA744HME8C4K83V.bin", "files/nobody/x.bin", "files/stray-1/junk"];
  for (const key of strays) await stack.putOutsideTheFlow(key, randomBytes(10));
  await sweep();
  expect(await stack.keysUnder("files/stray-1/")).toEqual([intent.key]);
  expect(await stack.keysUnder("files/nobody/")).toEqual([]);
});

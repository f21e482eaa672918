import { randomBytes } from "node:crypto";
import { type RunningStack, startStack, waitFor } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

// The sweeper's time rules (grace period, settling age) are tested deterministically in core
// (packages/core/src/sweeper). Here: that the local stack runs it, on request and on its timer.

/**
 * A stack whose S3 events are lost (as if the notification never arrived), whose objects count as
 * settled at once, and whose upload policies expire after 4 s with no grace: short enough to expire
 * within a test, long enough that a POST right after declaring is in time (the local S3 refuses an
 * expired policy, as S3 does). It sweeps every `intervalSeconds`.
 */
const startSweepingStack = (intervalSeconds: number) =>
  startStack({
    env: {
      FLEETDROP_LOCAL_EVENTS: "off",
      SWEEPER_OBJECT_MIN_AGE_SECONDS: "0",
      UPLOAD_URL_TTL_SECONDS: "4",
      UPLOAD_EXPIRY_GRACE_SECONDS: "0",
      FLEETDROP_SWEEP_INTERVAL_SECONDS: String(intervalSeconds),
    },
  });

describe("sweeps on request (/_local/sweep)", () => {
  // The timer is out of the way (an hour): after the start-up sweep, only the sweeps below run.
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startSweepingStack(3600);
    // The stack also sweeps once a second after it starts: let that happen first, so the sweeps
    // below are the only ones.
    await waitFor("the local stack's start-up sweep", () => stack.logs().includes('"message":"sweep finished"'));
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
    expect((await sweep()).processed).toBe(1);
    expect((await stack.api("GET", `/uploads/${intent.uploadId}`)).body.status).toBe("active");
    expect((await stack.api("GET", "/machines/lost-1")).body.file?.uploadId).toBe(intent.uploadId);
    expect(await sweep()).toMatchObject({ expired: 0, processed: 0, removed: 0, failed: 0 });
  });

  test("a pending upload past its expiry becomes expired; sweeping again changes nothing", async () => {
    await stack.registerMachine("idle-1");
    const intent = await stack.declare("idle-1", randomBytes(10));
    const upload = await waitFor(
      `a sweep to expire upload ${intent.uploadId} (policy expiry 4 s, no grace)`,
      async () => {
        await sweep();
        const current = (await stack.api("GET", `/uploads/${intent.uploadId}`)).body;
        return current.status === "expired" && current;
      },
      { intervalMs: 250 },
    );
    expect(Date.now()).toBeGreaterThan(Date.parse(intent.expiresAt));
    expect(upload.reason).toBe("No file was uploaded before the upload policy expired.");
    expect(await sweep()).toMatchObject({ expired: 0, processed: 0, removed: 0, failed: 0 });
    expect((await stack.api("GET", `/uploads/${intent.uploadId}`)).body.status).toBe("expired");
  });

  test("objects under files/ that no current file references are deleted", async () => {
    await stack.registerMachine("stray-1");
    const content = randomBytes(100);
    const intent = await stack.declare("stray-1", content);
    await stack.uploadBytes(intent, content);
    await sweep();
    const strays = ["files/stray-1/01M87Y9QCM7YA744HME8C4K83V.bin", "files/nobody/x.bin", "files/stray-1/junk"];
    for (const key of strays) await stack.putOutsideTheFlow(key, randomBytes(10));
    expect(await sweep()).toMatchObject({ expired: 0, processed: strays.length, removed: 0, failed: 0 });
    expect(await stack.keysUnder("files/stray-1/")).toEqual([intent.key]);
    expect(await stack.keysUnder("files/nobody/")).toEqual([]);
  });
});

describe("sweeps on the timer (FLEETDROP_SWEEP_INTERVAL_SECONDS)", () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startSweepingStack(1);
  });
  afterAll(() => stack?.stop());

  test("without any request to sweep, abandoned uploads expire and unannounced ones become active", async () => {
    const sweepsSoFar = () => stack.logs().match(/"message":"sweep finished"/g)?.length ?? 0;
    // After the start-up sweep, only the timer sweeps.
    await waitFor("the local stack's start-up sweep", () => sweepsSoFar() >= 1);
    const before = sweepsSoFar();
    await stack.registerMachine("timed-1");
    const abandoned = await stack.declare("timed-1", randomBytes(10));
    const content = randomBytes(500);
    const unannounced = await stack.declare("timed-1", content);
    expect((await stack.uploadBytes(unannounced, content)).status).toBe(204);

    const status = async (uploadId: string) => (await stack.api("GET", `/uploads/${uploadId}`)).body.status;
    await waitFor("the timer's sweeps to expire one upload and promote the other", async () => {
      return (await status(abandoned.uploadId)) === "expired" && (await status(unannounced.uploadId)) === "active";
    });
    expect((await stack.api("GET", "/machines/timed-1")).body.file?.uploadId).toBe(unannounced.uploadId);
    expect(sweepsSoFar()).toBeGreaterThan(before);
  });
});

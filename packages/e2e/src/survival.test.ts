/**
 * Issue 8's first finding: one bad item must not stop the local stack. An object the stand-in can
 * store but not describe (a Content-Type it cannot send back as a header: its HEAD answers 500)
 * sits under a pending upload's key, so event processing and every sweep fail on it. The stack
 * logs that, keeps sweeping on its timer, and keeps serving everyone else.
 */
import { randomBytes } from "node:crypto";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack({ env: { FLEETDROP_SWEEP_INTERVAL_SECONDS: "1", SWEEPER_OBJECT_MIN_AGE_SECONDS: "0" } });
});
afterAll(() => stack?.stop());

const sweepLogLines = () =>
  stack
    .logs()
    .split("\n")
    .filter((line) => /"message":"sweep (failed|finished)/.test(line)).length;

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; logs:\n${stack.logs().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("a pending upload whose object cannot be read fails its sweeps, and the stack lives on", async () => {
  await stack.registerMachine("poisoned-1");
  const content = randomBytes(64);
  const intent = await stack.declare("poisoned-1", content);

  // An outside party holding the bucket's credentials writes the upload's key with a Content-Type
  // the stand-in stores but cannot send back (non-ASCII).
  const post = await createPresignedPost(stack.s3, {
    Bucket: "fleetdrop-local",
    Key: intent.key,
    Expires: 60,
    Fields: { "Content-Type": "text/plain; x=€" },
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append("file", new Blob([content]), "poison");
  expect((await fetch(post.url, { method: "POST", body: form })).status).toBe(204);
  await stack.idle();

  const sweepsBefore = sweepLogLines();
  const requested = await stack.api("POST", "/_local/sweep");
  expect([200, 500]).toContain(requested.status);
  await waitFor("two more sweeps on the timer", () => sweepLogLines() >= sweepsBefore + 2);

  expect((await fetch(`${stack.url}/health`)).status).toBe(200);
  // Neither Node's report of an unhandled rejection nor its crash footer.
  expect(stack.logs()).not.toMatch(/UnhandledPromiseRejection|unhandledRejection|Node\.js v\d+/);
  // Everyone else is still served: another machine's upload goes through to active.
  await stack.registerMachine("healthy-1");
  const { upload } = await stack.upload("healthy-1", randomBytes(128));
  expect(upload.status).toBe("active");
});

import { randomBytes } from "node:crypto";
import { type RunningStack, requestDownload, sha256, shuffled, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function downloadedSha(machineId: string, token: string): Promise<string> {
  const res = await requestDownload(stack.url, machineId, token);
  expect(res.status).toBe(302);
  return sha256(Buffer.from(await (await fetch(res.headers.get("location")!)).arrayBuffer()));
}

test("a new upload replaces the old one: exactly one object remains", async () => {
  const token = await stack.registerMachine("swap-1");
  const first = await stack.upload("swap-1", randomBytes(2000), "v1.bin");
  const second = await stack.upload("swap-1", randomBytes(3000), "v2.bin");
  expect(second.upload.status).toBe("active");
  expect((await stack.api("GET", `/uploads/${first.intent.uploadId}`)).body.status).toBe("superseded");
  expect(await stack.keysUnder("files/swap-1/")).toEqual([second.intent.key]);
  expect(await downloadedSha("swap-1", token)).toBe(second.upload.sha256);
});

test("5 concurrent uploads completing in shuffled order: the last declared wins; redelivery changes nothing", async () => {
  const token = await stack.registerMachine("race-1");
  const contents = Array.from({ length: 5 }, (_, i) => randomBytes(1000 + i));
  const intents = await Promise.all(contents.map((content, i) => stack.declare("race-1", content, `v${i}.bin`)));
  // Declared concurrently: the API orders them; the winner is the greatest uploadId.
  const winner = [...intents].sort((a, b) => a.uploadId.localeCompare(b.uploadId)).at(-1)!;
  const contentOf = new Map(intents.map((intent, i) => [intent.uploadId, contents[i]!]));

  for (const intent of shuffled(intents)) {
    expect((await stack.uploadBytes(intent, contentOf.get(intent.uploadId)!)).status).toBe(204);
  }
  await stack.idle();

  const expectFinalState = async () => {
    const machine = (await stack.api("GET", "/machines/race-1")).body;
    expect(machine.file?.uploadId).toBe(winner.uploadId);
    expect(await stack.keysUnder("files/race-1/")).toEqual([winner.key]);
    for (const intent of intents) {
      const status = (await stack.api("GET", `/uploads/${intent.uploadId}`)).body.status;
      expect(status).toBe(intent.uploadId === winner.uploadId ? "active" : "superseded");
    }
    expect(await downloadedSha("race-1", token)).toBe(sha256(contentOf.get(winner.uploadId)!));
  };
  await expectFinalState();

  // Redeliver every event S3 sent for this machine, twice, in random order.
  const delivered = (await stack.api("GET", "/_local/events")).body.events.filter((event) =>
    event.Records[0]!.s3.object.key.startsWith("files/race-1/"),
  );
  expect(delivered.length).toBeGreaterThanOrEqual(5);
  for (const event of shuffled([...delivered, ...delivered])) {
    expect((await stack.api("POST", "/_local/events", event)).status).toBe(200);
  }
  await expectFinalState();
});

test("S3 refuses a POST of bytes other than the declared ones; the previous file is still served", async () => {
  const token = await stack.registerMachine("guard-1");
  const good = await stack.upload("guard-1", randomBytes(4096), "good.bin");

  const declared = randomBytes(4096);
  const corrupt = Buffer.from(declared);
  corrupt[100] = corrupt[100]! ^ 0xff;
  const badHash = await stack.declare("guard-1", declared, "corrupt.bin");
  const refusedHash = await stack.uploadBytes(badHash, corrupt);
  expect(refusedHash.status).toBe(400);
  expect(await refusedHash.text()).toContain("<Code>BadDigest</Code>");

  const badSize = await stack.declare("guard-1", randomBytes(4096), "short.bin");
  const refusedSize = await stack.uploadBytes(badSize, randomBytes(4000));
  expect(refusedSize.status).toBe(400);
  expect(await refusedSize.text()).toContain("<Code>EntityTooSmall</Code>");

  await stack.idle();
  expect((await stack.api("GET", `/uploads/${badHash.uploadId}`)).body.status).toBe("pending");
  expect(await stack.keysUnder("files/guard-1/")).toEqual([good.intent.key]);
  expect(await downloadedSha("guard-1", token)).toBe(good.upload.sha256);
});

test("bytes written to a declared key around the policy are rejected and deleted (defence in depth)", async () => {
  const token = await stack.registerMachine("guard-2");
  const good = await stack.upload("guard-2", randomBytes(4096), "good.bin");

  // Someone holding the bucket's credentials skips the policy; only the event handler stands guard.
  // The declared headers are kept, so what is left to catch is the bytes themselves.
  const declaredHeaders = (intent: { fields: Record<string, string> }) => ({
    contentType: intent.fields["Content-Type"],
    contentDisposition: intent.fields["Content-Disposition"],
  });
  const declared = randomBytes(4096);
  const corrupt = Buffer.from(declared);
  corrupt[100] = corrupt[100]! ^ 0xff;
  const badHash = await stack.declare("guard-2", declared, "corrupt.bin");
  await stack.putOutsideTheFlow(badHash.key, corrupt, declaredHeaders(badHash));
  const rejectedHash = await stack.waitForStatus(badHash.uploadId);
  expect(rejectedHash.status).toBe("rejected");
  expect(rejectedHash.reason).toMatch(/sha256/);

  const badSize = await stack.declare("guard-2", randomBytes(4096), "short.bin");
  await stack.putOutsideTheFlow(badSize.key, randomBytes(4000), declaredHeaders(badSize));
  const rejectedSize = await stack.waitForStatus(badSize.uploadId);
  expect(rejectedSize.status).toBe("rejected");
  expect(rejectedSize.reason).toMatch(/size/);

  await stack.idle();
  expect(await stack.keysUnder("files/guard-2/")).toEqual([good.intent.key]);
  expect(await downloadedSha("guard-2", token)).toBe(good.upload.sha256);
});

test("an object put into the bucket outside the flow is deleted", async () => {
  await stack.registerMachine("intruded-1");
  const keys = [
    "files/intruded-1/01M87Y9QCM7YA744HME8C4K83V.bin",
    "files/intruded-1/evil.sh",
    "notes/readme with spaces.txt",
  ];
  for (const key of keys) await stack.putOutsideTheFlow(key, randomBytes(64));
  await stack.idle();
  expect(await stack.keysUnder("files/intruded-1/")).toEqual([]);
  expect(await stack.keysUnder("notes/")).toEqual([]);
  expect(stack.logs()).toContain("deleted an object that no upload declared");
});

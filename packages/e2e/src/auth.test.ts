import { randomBytes } from "node:crypto";
import { type RunningStack, requestDownload, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";

let stack: RunningStack;
const tokens = new Map<string, string>();
const machines = ["auth-a", "auth-b", "auth-c"];

beforeAll(async () => {
  stack = await startStack();
  for (const machineId of machines) {
    tokens.set(machineId, await stack.registerMachine(machineId));
    await stack.upload(machineId, randomBytes(100));
  }
});
afterAll(() => stack?.stop());

async function expectUnauthorized(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get("location")).toBeNull();
  return res.text();
}

test("every other machine's token, a missing token and an unknown machine get the same 401", async () => {
  const bodies = new Set<string>();
  for (const owner of machines) {
    for (const other of machines) {
      if (owner === other) continue;
      bodies.add(await expectUnauthorized(await requestDownload(stack.url, owner, tokens.get(other))));
    }
    bodies.add(await expectUnauthorized(await requestDownload(stack.url, owner, undefined)));
    bodies.add(
      await expectUnauthorized(await requestDownload(stack.url, owner, `fdm_${randomBytes(32).toString("base64url")}`)),
    );
    bodies.add(
      await expectUnauthorized(
        await requestDownload(stack.url, owner, undefined, { Authorization: `Basic ${tokens.get(owner)}` }),
      ),
    );
  }
  bodies.add(await expectUnauthorized(await requestDownload(stack.url, "no-such-machine", tokens.get("auth-a"))));
  expect(bodies.size).toBe(1);
  expect(JSON.parse([...bodies][0]!).error.code).toBe("unauthorized");
});

test("each machine's own token works", async () => {
  for (const machineId of machines)
    expect((await requestDownload(stack.url, machineId, tokens.get(machineId))).status).toBe(302);
});

test("a rotated token replaces the old one at once", async () => {
  const old = tokens.get("auth-c")!;
  const rotated = await stack.api("POST", "/machines/auth-c/token");
  expect(rotated.status).toBe(200);
  expect(rotated.body.machineId).toBe("auth-c");
  expect((await requestDownload(stack.url, "auth-c", old)).status).toBe(401);
  expect((await requestDownload(stack.url, "auth-c", rotated.body.token)).status).toBe(302);
});

test("removing a machine deletes its file and its token stops working", async () => {
  expect((await stack.api("DELETE", "/machines/auth-b")).status).toBe(204);
  expect(await stack.keysUnder("files/auth-b/")).toEqual([]);
  expect((await requestDownload(stack.url, "auth-b", tokens.get("auth-b"))).status).toBe(401);
  expect((await stack.api("GET", "/machines/auth-b")).status).toBe(404);
  expect((await stack.api("DELETE", "/machines/auth-b")).body.error.code).toBe("machine_not_found");
});

test("tokens are never stored in the clear", async () => {
  const { readdir, readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const dir = join(stack.dataDir, "dynamodb");
  let haystack = "";
  for (const name of await readdir(dir)) haystack += (await readFile(join(dir, name))).toString("latin1");
  for (const token of tokens.values()) expect(haystack.includes(token)).toBe(false);
});

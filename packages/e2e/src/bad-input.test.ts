import { type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { machineCases } from "./bad-input/machines.cases.ts";
import { uploadCases } from "./bad-input/uploads.cases.ts";

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_FILE_SIZE_BYTES: String(1024 * 1024) } });
  await stack.registerMachine("known-1");
});
afterAll(() => stack?.stop());

const cases = [...machineCases, ...uploadCases];

test(`${cases.length} kinds of bad input each get their 4xx JSON error and change nothing`, async () => {
  const machinesBefore = (await stack.api("GET", "/machines")).body;
  const objectsBefore = await stack.keysUnder("");
  for (const c of cases) {
    const res = await stack.api(c.method, c.path, c.body, c.headers);
    expect.soft(res.status, c.name).toBe(c.status);
    expect.soft(res.body?.error?.code, c.name).toBe(c.code);
    if (typeof c.message === "string") expect.soft(res.body?.error?.message, c.name).toBe(c.message);
    else expect.soft(res.body?.error?.message, c.name).toMatch(c.message);
  }
  await stack.idle();
  expect((await stack.api("GET", "/machines")).body).toEqual(machinesBefore);
  expect((await stack.api("GET", "/machines/known-1")).body.uploads).toEqual([]);
  expect(await stack.keysUnder("")).toEqual(objectsBefore);
});

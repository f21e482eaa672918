import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { NoFileError, UnauthorizedError } from "../error/index.ts";
import { Machine } from "../machine/index.ts";
import { declare, putObject, sha256 } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Download } from "./index.ts";

async function machineWithFile() {
  const { machineId, token } = await Machine.register({ machineId: `dl-${randomBytes(5).toString("hex")}` });
  const content = randomBytes(128);
  const intent = await declare(machineId, content, "image.IMG");
  await putObject(intent.key, content);
  expect(await Upload.processObject(intent.key)).toBe("active");
  return { machineId, token, content, intent };
}

test("a machine's own token gets a presigned GET of its current object, counted as a download", async () => {
  const { machineId, token, content, intent } = await machineWithFile();
  const before = Date.now();
  const answer = await Download.request({ machineId, token });
  expect(answer).toEqual({ kind: "redirect", sha256: sha256(content), url: expect.any(String) });
  if (answer.kind !== "redirect") throw new Error("expected a redirect");
  const url = new URL(answer.url);
  expect(url.pathname.endsWith(`/${intent.key}`)).toBe(true);
  expect(url.searchParams.get("X-Amz-Expires")).toBe("3600");
  const object = await fetch(answer.url);
  expect(sha256(Buffer.from(await object.arrayBuffer()))).toBe(sha256(content));

  const machine = Machine.toInfo(await Machine.get(machineId));
  expect(machine.downloadCount).toBe(1);
  expect(Date.parse(machine.lastDownloadAt!)).toBeGreaterThanOrEqual(before - 1000);
  await Download.request({ machineId, token, ifNoneMatch: `"${"0".repeat(64)}"` });
  expect((await Machine.get(machineId)).downloadCount).toBe(2);
});

test("If-None-Match naming the current file is not modified and not counted", async () => {
  const { machineId, token, content } = await machineWithFile();
  for (const ifNoneMatch of [`"${sha256(content)}"`, `W/"${sha256(content)}"`, "*", `"x", "${sha256(content)}"`]) {
    expect(await Download.request({ machineId, token, ifNoneMatch })).toEqual({
      kind: "not-modified",
      sha256: sha256(content),
    });
  }
  const machine = Machine.toInfo(await Machine.get(machineId));
  expect(machine).toMatchObject({ downloadCount: 0, lastDownloadAt: null });
});

test("a wrong token is unauthorized and a machine without a file has no file; neither is counted", async () => {
  const { machineId } = await machineWithFile();
  const other = await Machine.register({ machineId: `dl-empty-${randomBytes(5).toString("hex")}` });
  await expect(Download.request({ machineId, token: other.token })).rejects.toBeInstanceOf(UnauthorizedError);
  await expect(Download.request({ machineId, token: undefined })).rejects.toBeInstanceOf(UnauthorizedError);
  const noFile = Download.request({ machineId: other.machineId, token: other.token });
  await expect(noFile).rejects.toBeInstanceOf(NoFileError);
  await expect(noFile).rejects.toThrow(`Machine "${other.machineId}" has no active file yet.`);
  expect((await Machine.get(machineId)).downloadCount).toBe(0);
  expect((await Machine.get(other.machineId)).downloadCount).toBe(0);
});

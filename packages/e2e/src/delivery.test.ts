import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { filenameOf } from "@fleetdrop/testing/content-disposition";
import { type RunningStack, requestDownload, sha256, startStack, waitFor } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

let stack: RunningStack;
const tempDirs: string[] = [];
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

/** X-Amz-Date (20261125T101500Z) as epoch milliseconds. */
const signedAt = (location: string) =>
  Date.parse(
    new URL(location).searchParams
      .get("X-Amz-Date")!
      .replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
  );

describe("each machine gets exactly its own file", () => {
  const machines = ["press-01", "press-02", "lathe.7"];
  const files = new Map<string, { token: string; content: Buffer; filename: string }>();

  beforeAll(async () => {
    const names = ["firmware v1.bin", "café menu ü.txt", "日本語 ファイル.tar.gz"];
    for (const [i, machineId] of machines.entries()) {
      const token = await stack.registerMachine(machineId);
      const content = randomBytes(10_000 + i * 777);
      const filename = names[i]!;
      const { upload } = await stack.upload(machineId, content, filename);
      expect(upload.status).toBe("active");
      files.set(machineId, { token, content, filename });
    }
  });

  test("following the 302 yields the machine's bytes, name and hash headers", async () => {
    for (const machineId of machines) {
      const { token, content, filename } = files.get(machineId)!;
      const res = await requestDownload(stack.url, machineId, token);
      expect(res.status).toBe(302);
      expect(res.headers.get("etag")).toBe(`"${sha256(content)}"`);
      expect(res.headers.get("x-content-sha256")).toBe(sha256(content));
      expect(res.headers.get("cache-control")).toBe("no-store");
      const location = res.headers.get("location")!;
      expect(location.startsWith(stack.s3Endpoint)).toBe(true);

      const object = await fetch(location);
      expect(object.status).toBe(200);
      const bytes = Buffer.from(await object.arrayBuffer());
      expect(sha256(bytes)).toBe(sha256(content));
      const disposition = object.headers.get("content-disposition")!;
      expect(disposition.startsWith("attachment;")).toBe(true);
      expect(filenameOf(disposition)).toBe(filename);
    }
  });

  test('a plain ASCII name is exactly attachment; filename="..."', async () => {
    const { token } = files.get("press-01")!;
    const location = (await requestDownload(stack.url, "press-01", token)).headers.get("location")!;
    expect((await fetch(location)).headers.get("content-disposition")).toBe('attachment; filename="firmware v1.bin"');
  });

  test("every download gets a freshly signed URL, valid for 3600 s, and is counted", async () => {
    const { token, content } = files.get("press-02")!;
    const before = (await stack.api("GET", "/machines/press-02")).body;
    const first = (await requestDownload(stack.url, "press-02", token)).headers.get("location")!;
    // SigV4 dates have one-second resolution: let the clock move on so the second signature must differ.
    await waitFor(
      "the clock to pass the second the first URL was signed in",
      () => Date.now() >= signedAt(first) + 1000,
      {
        timeoutMs: 5000,
      },
    );
    const started = Date.now();
    const second = (await requestDownload(stack.url, "press-02", token)).headers.get("location")!;
    const after = (await stack.api("GET", "/machines/press-02")).body;

    for (const location of [first, second]) {
      expect(new URL(location).searchParams.get("X-Amz-Expires")).toBe("3600");
      const object = await fetch(location);
      expect(object.status).toBe(200);
      expect(sha256(Buffer.from(await object.arrayBuffer()))).toBe(sha256(content));
    }
    expect(new URL(second).searchParams.get("X-Amz-Signature")).not.toBe(
      new URL(first).searchParams.get("X-Amz-Signature"),
    );
    expect(signedAt(second)).toBeGreaterThan(signedAt(first));
    expect(signedAt(second)).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
    expect(signedAt(second)).toBeLessThanOrEqual(Date.now());

    expect(after.downloadCount).toBe(before.downloadCount + 2);
    expect(Date.parse(after.lastDownloadAt!)).toBeGreaterThanOrEqual(started - 1000);
    expect(after.lastDownloadAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  test("If-None-Match with the current sha256 is a 304, without Location, not counted", async () => {
    const { token, content } = files.get("lathe.7")!;
    const before = (await stack.api("GET", "/machines/lathe.7")).body.downloadCount;
    const res = await requestDownload(stack.url, "lathe.7", token, { "If-None-Match": `"${sha256(content)}"` });
    expect(res.status).toBe(304);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("etag")).toBe(`"${sha256(content)}"`);
    expect((await stack.api("GET", "/machines/lathe.7")).body.downloadCount).toBe(before);
    const stale = await requestDownload(stack.url, "lathe.7", token, { "If-None-Match": `"${"0".repeat(64)}"` });
    expect(stale.status).toBe(302);
  });

  test("plain curl does the machine side exactly as the contract shows", async () => {
    const { token, content } = files.get("press-02")!;
    const dir = await mkdtemp(join(tmpdir(), "fleetdrop-curl-"));
    tempDirs.push(dir);
    const out = join(dir, "file");
    await promisify(execFile)("curl", [
      "-fsSL",
      "-H",
      `Authorization: Bearer ${token}`,
      `${stack.url}/download?machine_id=press-02`,
      "-o",
      out,
    ]);
    expect(sha256(await readFile(out))).toBe(sha256(content));
  });

  test("the machine view shows the current file and the history newest first", async () => {
    const { content } = files.get("press-01")!;
    const second = randomBytes(500);
    await stack.upload("press-01", second, "firmware v2.bin");
    const view = (await stack.api("GET", "/machines/press-01")).body;
    expect(view.file).toMatchObject({
      filename: "firmware v2.bin",
      size: 500,
      sha256: sha256(second),
      contentType: "application/octet-stream",
    });
    expect(view.uploads.map((u: { status: string }) => u.status)).toEqual(["active", "superseded"]);
    expect(view.uploads[1]!.sha256).toBe(sha256(content));
    expect(view.uploads[0]!.uploadId > view.uploads[1]!.uploadId).toBe(true);
  });
});

test("a machine without an active file gets 404 no_file", async () => {
  const token = await stack.registerMachine("empty-1");
  const res = await requestDownload(stack.url, "empty-1", token);
  expect(res.status).toBe(404);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("no_file");
});

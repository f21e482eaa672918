import { randomBytes } from "node:crypto";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { freePort, type RunningStack, sha256, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cliEnv, collect, runCli, spawnCli } from "./testing/cli.ts";

let stack: RunningStack;
let env: Record<string, string>;
let dir: string;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_FILE_SIZE_BYTES: String(64 * 1024 * 1024) } });
  env = cliEnv(stack);
  dir = await mkdtemp(join(tmpdir(), "fleetdrop-cli-upload-"));
});
afterAll(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Resolves with the first pending upload of a machine, as soon as the CLI has declared it. */
async function declaredUpload(machineId: string): Promise<{ uploadId: string }> {
  for (;;) {
    const uploads = (await stack.api("GET", `/machines/${machineId}`)).body.uploads as {
      uploadId: string;
      status: string;
    }[];
    const pending = uploads.find((u) => u.status === "pending");
    if (pending) return pending;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test("upload streams the file, waits, and reports it active", async () => {
  await stack.registerMachine("up-1");
  const content = randomBytes(3 * 1024 * 1024 + 17);
  const run = await runCli(["upload", "up-1", await file("app v1.bin", content), "--json"], env);
  expect(run.code).toBe(0);
  const upload = JSON.parse(run.stdout);
  expect(upload).toMatchObject({
    machineId: "up-1",
    filename: "app v1.bin",
    size: content.length,
    sha256: sha256(content),
    status: "active",
  });
  const text = await runCli(["upload", "up-1", await file("app v2.bin", randomBytes(10))], env);
  expect(text.stdout).toMatch(/^up-1: app v2\.bin \(10 B\) is active as [0-9A-Z]{26}\n$/);
  expect(text.stderr).toBe("");
});

test("--no-wait returns after S3 has the bytes; uploads show looks the upload up", async () => {
  await stack.registerMachine("up-2");
  const run = await runCli(["upload", "up-2", await file("later.bin", randomBytes(100)), "--no-wait"], env);
  expect(run.code).toBe(0);
  const uploadId = /as ([0-9A-Z]{26}) \(not waiting; see: fleetdrop uploads show \1\)/.exec(run.stdout)?.[1];
  expect(uploadId, run.stdout).toBeDefined();
  expect((await stack.waitForStatus(uploadId!)).status).toBe("active");
  const shown = await runCli(["uploads", "show", uploadId!], env);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(
    new RegExp(`^Upload +${uploadId}\nMachine +up-2\nStatus +active\nFile +later.bin, 100 B\n`),
  );
  const json = JSON.parse((await runCli(["uploads", "show", uploadId!, "--json"], env)).stdout);
  expect(json).toMatchObject({ uploadId, machineId: "up-2", status: "active", size: 100 });
  const unknown = await runCli(["uploads", "show", "01ARZ3NDEKTSV4RRFFQ69G5FAV"], env);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/\(404 \w+\)/);
});

test("a file over the maximum is refused before any byte is sent", async () => {
  await stack.registerMachine("up-3");
  const path = join(dir, "huge.bin");
  const handle = await open(path, "w");
  await handle.truncate(64 * 1024 * 1024 + 1);
  await handle.close();
  const run = await runCli(["upload", "up-3", path], env);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/file_too_large/);
  expect(await stack.keysUnder("files/up-3/")).toEqual([]);
});

test("unknown machine, missing file and empty file", async () => {
  const unknown = await runCli(["upload", "ghost", await file("g.bin", randomBytes(5))], env);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/machine_not_found/);
  const missing = await runCli(["upload", "up-1", join(dir, "nope.bin")], env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/Not a file/);
  const empty = await runCli(["upload", "up-1", await file("empty.bin", Buffer.alloc(0))], env);
  expect(empty.code).toBe(2);
  expect(empty.stderr).toMatch(/empty/);
});

test("bytes that change after hashing are refused by S3 and the CLI exits 1 with the reason", async () => {
  await stack.registerMachine("up-4");
  const size = 48 * 1024 * 1024;
  const path = await file("moving.bin", randomBytes(size));
  const child = spawnCli(["upload", "up-4", path], env);
  const done = collect(child);
  await declaredUpload("up-4");
  // The POST starts right after the declaration; change the tail it has not sent yet.
  const handle = await open(path, "r+");
  await handle.write(randomBytes(1024 * 1024), 0, 1024 * 1024, size - 1024 * 1024);
  await handle.close();
  const run = await done;
  expect(run.code).toBe(1);
  // The policy declares the sha256 as S3's checksum, so S3 itself refuses the changed bytes.
  expect(run.stderr).toMatch(/S3 refused the upload: .*\(400 BadDigest\)/);
});

test("an upload overtaken by a later one is superseded and the CLI exits 1", async () => {
  await stack.registerMachine("up-5");
  const child = spawnCli(["upload", "up-5", await file("slow.bin", randomBytes(48 * 1024 * 1024))], env);
  const done = collect(child);
  await declaredUpload("up-5");
  await stack.upload("up-5", randomBytes(10), "quick.bin");
  const run = await done;
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/was superseded/);
  expect((await stack.api("GET", "/machines/up-5")).body.file?.filename).toBe("quick.bin");
});

test("the server being down is a clear failure", async () => {
  const run = await runCli(["upload", "up-1", await file("x.bin", randomBytes(5))], {
    ...env,
    FLEETDROP_URL: `http://127.0.0.1:${await freePort()}`,
    FLEETDROP_ADMIN_TOKEN: stack.adminToken,
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Cannot reach Fleetdrop/);
});

// Last in this file: it removes the bucket so S3 refuses every POST with a real S3 error document.
test("S3 refusing the POST is reported with S3's error code, without retrying a permanent error", async () => {
  await stack.registerMachine("up-6");
  const bucket = "fleetdrop-local";
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  for (const object of listed.Contents ?? [])
    await stack.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key! }));
  await stack.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  const run = await runCli(["upload", "up-6", await file("refused.bin", randomBytes(1000))], env);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/S3 refused the upload: .*\(404 NoSuchBucket\)/);
  expect(run.stderr).not.toMatch(/retrying/);
});

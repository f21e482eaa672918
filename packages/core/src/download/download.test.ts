/**
 * GET /download's cost in DynamoDB calls (issue 12's targets), with the real SDK against the
 * stand-in: a middleware on the client records each command it sends.
 */
import { randomBytes } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { Db } from "../db/index.ts";
import { NoFileError, UnauthorizedError } from "../error/index.ts";
import { Machine } from "../machine/index.ts";
import { keys } from "../table/index.ts";
import { declare, newMachine, putObject, sha256 } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Download } from "./index.ts";

const sent: string[] = [];
const counter = "countDynamoCommands";

beforeEach(() => {
  Db.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push((context.commandName ?? "unknown").replace(/Command$/, ""));
      return next(args);
    },
    { step: "initialize", name: counter },
  );
});

afterEach(() => {
  Db.client.middlewareStack.remove(counter);
  sent.length = 0;
});

/** Runs `work` and returns the DynamoDB commands it sent, in order. */
async function commandsOf(work: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await work().catch(() => undefined);
  return [...sent];
}

async function machineWithFile() {
  const machineId = await newMachine("poll");
  const token = (await Machine.rotateToken(machineId)).token;
  const content = randomBytes(32);
  const intent = await declare(machineId, content);
  await putObject(intent.key, content);
  await Upload.processObject(intent.key);
  return { machineId, token, sha: sha256(content), uploadId: intent.uploadId };
}

describe("GET /download in DynamoDB calls", () => {
  test("a 302 without If-None-Match is one conditional UpdateItem, plus its log entry", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    let answer: Download.Answer | undefined;
    const calls = await commandsOf(async () => {
      answer = await Download.request({ machineId, token, sourceIp: "192.0.2.7", userAgent: "curl/8" });
    });
    expect(answer).toMatchObject({ kind: "redirect", uploadId });
    expect(calls.sort()).toEqual(["PutItem", "UpdateItem"]);
    const machine = Machine.toInfo(await Machine.get(machineId));
    expect(machine).toMatchObject({ downloadCount: 1, delivery: { uploadId, state: "downloaded" }, stale: false });
    expect(machine.lastSeenAt).toBe(machine.lastDownloadAt);
    expect(machine.delivery.downloadedAt).toBe(machine.lastDownloadAt);
    const log = await Machine.listDownloads(await Machine.get(machineId), { limit: 10 });
    expect(log.downloads).toEqual([
      { at: machine.lastDownloadAt, uploadId, sourceIp: "192.0.2.7", userAgent: "curl/8" },
    ]);
  });

  test("a later 302 keeps the first downloadedAt and counts again", async () => {
    const { machineId, token } = await machineWithFile();
    await Download.request({ machineId, token }, new Date(Date.now() - 5000));
    await Download.request({ machineId, token });
    const machine = Machine.toInfo(await Machine.get(machineId));
    expect(machine.downloadCount).toBe(2);
    expect(machine.delivery.downloadedAt! < machine.lastDownloadAt!).toBe(true);
  });

  test("a 304 is one GetItem, plus a lastSeenAt write only when the stored one is older than the resolution", async () => {
    const { machineId, token, sha, uploadId } = await machineWithFile();
    const poll = () => Download.request({ machineId, token, ifNoneMatch: `"${sha}"` });
    expect(await commandsOf(poll)).toEqual(["GetItem", "UpdateItem"]);
    const seen = (await Machine.get(machineId)).lastSeenAt;
    expect(seen).toBeDefined();
    expect(await commandsOf(poll)).toEqual(["GetItem"]);
    expect(await poll()).toEqual({ kind: "not-modified", sha256: sha, uploadId });
    const machine = await Machine.get(machineId);
    expect(machine.lastSeenAt).toBe(seen);
    expect(machine.downloadCount).toBe(0);
    expect(Machine.toInfo(machine).delivery.state).toBe("waiting");
  });

  test("a stale If-None-Match is one GetItem and then the 302's UpdateItem", async () => {
    const { machineId, token } = await machineWithFile();
    const calls = await commandsOf(() => Download.request({ machineId, token, ifNoneMatch: `"${"0".repeat(64)}"` }));
    expect(calls).toEqual(["GetItem", "UpdateItem", "PutItem"]);
  });

  test("a wrong token and an unknown machine both cost the failed UpdateItem and one GetItem, and get 401", async () => {
    const { machineId } = await machineWithFile();
    const other = await machineWithFile();
    for (const request of [
      { machineId, token: other.token },
      { machineId, token: undefined },
      { machineId: `nobody-${randomBytes(4).toString("hex")}`, token: other.token },
    ]) {
      const calls = await commandsOf(async () => {
        await expect(Download.request(request)).rejects.toBeInstanceOf(UnauthorizedError);
      });
      expect(calls).toEqual(["UpdateItem", "GetItem"]);
    }
    expect((await Machine.get(machineId)).downloadCount).toBe(0);
    expect((await Machine.get(machineId)).lastSeenAt).toBeUndefined();
  });

  test("the right token and no file is 404 no_file, after the same two calls", async () => {
    const machineId = await newMachine("poll");
    const { token } = await Machine.rotateToken(machineId);
    const calls = await commandsOf(async () => {
      await expect(Download.request({ machineId, token })).rejects.toBeInstanceOf(NoFileError);
    });
    expect(calls).toEqual(["UpdateItem", "GetItem"]);
  });

  test("HEAD of a machine with no file is 404 no_file", async () => {
    const machineId = await newMachine("poll");
    const { token } = await Machine.rotateToken(machineId);
    await expect(Download.request({ machineId, token, inspectOnly: true })).rejects.toBeInstanceOf(NoFileError);
  });

  test("HEAD is one GetItem and records nothing", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    let answer: Download.Answer | undefined;
    const calls = await commandsOf(async () => {
      answer = await Download.request({ machineId, token, inspectOnly: true });
    });
    expect(calls).toEqual(["GetItem"]);
    expect(answer).toMatchObject({ kind: "redirect", uploadId });
    const machine = await Machine.get(machineId);
    expect(machine.downloadCount).toBe(0);
    expect(machine.lastSeenAt).toBeUndefined();
    expect((await Machine.listDownloads(await Machine.get(machineId), { limit: 5 })).downloads).toEqual([]);
  });

  test("HEAD with a matching If-None-Match is the 304 and records nothing", async () => {
    const { machineId, token, sha, uploadId } = await machineWithFile();
    let answer: Download.Answer | undefined;
    const calls = await commandsOf(async () => {
      answer = await Download.request({ machineId, token, ifNoneMatch: `"${sha}"`, inspectOnly: true });
    });
    expect(calls).toEqual(["GetItem"]);
    expect(answer).toEqual({ kind: "not-modified", sha256: sha, uploadId });
    expect((await Machine.get(machineId)).lastSeenAt).toBeUndefined();
  });

  test("HEAD with a stale If-None-Match is the 302 a GET would get, and records nothing", async () => {
    const { machineId, token, sha, uploadId } = await machineWithFile();
    let answer: Download.Answer | undefined;
    const calls = await commandsOf(async () => {
      answer = await Download.request({ machineId, token, ifNoneMatch: `"${"0".repeat(64)}"`, inspectOnly: true });
    });
    expect(calls).toEqual(["GetItem"]);
    expect(answer).toMatchObject({ kind: "redirect", sha256: sha, uploadId });
    const machine = await Machine.get(machineId);
    expect(machine.downloadCount).toBe(0);
    expect(machine.lastSeenAt).toBeUndefined();
  });

  test("a 302 logs an absent source IP and user agent as null", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    await Download.request({ machineId, token });
    const log = await Machine.listDownloads(await Machine.get(machineId), { limit: 5 });
    expect(log.downloads).toEqual([{ at: expect.any(String), uploadId, sourceIp: null, userAgent: null }]);
  });

  test("a file activated before delivery tracking gets its record on the first 302, which is counted", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    await Db.client.send(
      new UpdateCommand({ TableName: Db.tableName, Key: keys.machine(machineId), UpdateExpression: "REMOVE delivery" }),
    );
    expect((await Machine.get(machineId)).delivery).toBeUndefined();
    expect(await Download.request({ machineId, token })).toMatchObject({ kind: "redirect", uploadId });
    const machine = Machine.toInfo(await Machine.get(machineId));
    expect(machine.downloadCount).toBe(1);
    expect(machine.delivery).toMatchObject({ uploadId, state: "downloaded" });
  });

  test("a new file resets the delivery to waiting", async () => {
    const { machineId, token } = await machineWithFile();
    await Download.request({ machineId, token });
    const content = randomBytes(8);
    const intent = await declare(machineId, content);
    await putObject(intent.key, content);
    await Upload.processObject(intent.key);
    expect(Machine.toInfo(await Machine.get(machineId)).delivery).toEqual({
      uploadId: intent.uploadId,
      state: "waiting",
    });
  });
});

import { randomBytes } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, test } from "vitest";
import { Db } from "../db/index.ts";
import { UnauthorizedError, UnknownUploadError } from "../error/index.ts";
import { Machine } from "../machine/index.ts";
import { keys } from "../table/index.ts";
import { declare, newMachine, putObject } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Report } from "./index.ts";

async function activated(machineId: string) {
  const content = randomBytes(16);
  const intent = await declare(machineId, content);
  await putObject(intent.key, content);
  await Upload.processObject(intent.key);
  return intent.uploadId;
}

async function machineWithFile() {
  const machineId = await newMachine("report");
  const { token } = await Machine.rotateToken(machineId);
  return { machineId, token, uploadId: await activated(machineId) };
}

const deliveryOf = async (machineId: string) => Machine.toInfo(await Machine.get(machineId)).delivery;

describe("reports", () => {
  test("installed, then failed with its message and exit code, each recorded on the current file", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    await Report.submit({ machineId, uploadId, status: "installed" }, token);
    const installed = await deliveryOf(machineId);
    expect(installed).toMatchObject({ uploadId, state: "installed" });
    expect(installed.reportedAt).toBeDefined();
    await Report.submit({ machineId, uploadId, status: "failed", message: "disk full", exitCode: 28 }, token);
    expect(await deliveryOf(machineId)).toMatchObject({ state: "failed", message: "disk full", exitCode: 28 });
    await Report.submit({ machineId, uploadId, status: "installed" }, token);
    const again = await deliveryOf(machineId);
    expect(again.state).toBe("installed");
    expect(again).not.toHaveProperty("message");
    expect(again).not.toHaveProperty("exitCode");
  });

  test("repeating a report changes nothing", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    const report = { machineId, uploadId, status: "failed" as const, message: "exit 1", exitCode: 1 };
    await Report.submit(report, token);
    const first = await Machine.get(machineId);
    await Report.submit(report, token);
    expect(await Machine.get(machineId)).toEqual(first);
  });

  test("another machine's upload, or no upload at all, is unknown_upload and changes nothing", async () => {
    const mine = await machineWithFile();
    const theirs = await machineWithFile();
    const before = await Machine.get(mine.machineId);
    for (const uploadId of [theirs.uploadId, "01JZZZZZZZZZZZZZZZZZZZZZZZ"]) {
      await expect(
        Report.submit({ machineId: mine.machineId, uploadId, status: "installed" }, mine.token),
      ).rejects.toBeInstanceOf(UnknownUploadError);
    }
    expect(await Machine.get(mine.machineId)).toEqual(before);
  });

  test("a wrong token is the same 401 as /download", async () => {
    const mine = await machineWithFile();
    const theirs = await machineWithFile();
    const report = { machineId: mine.machineId, uploadId: mine.uploadId, status: "installed" as const };
    await expect(Report.submit(report, theirs.token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(Report.submit(report, undefined)).rejects.toBeInstanceOf(UnauthorizedError);
    expect((await deliveryOf(mine.machineId)).state).toBe("waiting");
  });

  test("a report on an earlier upload is accepted and leaves the current file's state alone", async () => {
    const { machineId, token, uploadId: earlier } = await machineWithFile();
    const current = await activated(machineId);
    await Report.submit({ machineId, uploadId: earlier, status: "installed" }, token);
    expect(await deliveryOf(machineId)).toEqual({ uploadId: current, state: "waiting" });
  });

  test("a machine whose file was activated before delivery tracking gets its report recorded", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    await Db.client.send(
      new UpdateCommand({ TableName: Db.tableName, Key: keys.machine(machineId), UpdateExpression: "REMOVE delivery" }),
    );
    await Report.submit({ machineId, uploadId, status: "installed" }, token);
    expect(await deliveryOf(machineId)).toMatchObject({ uploadId, state: "installed" });
  });

  test("a report on an upload of a machine that has no file yet is accepted and changes nothing", async () => {
    const machineId = await newMachine("report");
    const { token } = await Machine.rotateToken(machineId);
    const intent = await declare(machineId, randomBytes(8));
    await Report.submit({ machineId, uploadId: intent.uploadId, status: "installed" }, token);
    expect(await deliveryOf(machineId)).toEqual({ uploadId: null, state: "no_file" });
  });

  test("a report that differs only in its exit code is a change, recorded", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    await Report.submit({ machineId, uploadId, status: "failed", message: "x", exitCode: 1 }, token);
    await Report.submit({ machineId, uploadId, status: "failed", message: "x", exitCode: 2 }, token);
    expect(await deliveryOf(machineId)).toMatchObject({ state: "failed", exitCode: 2 });
    await Report.submit({ machineId, uploadId, status: "failed", message: "x" }, token);
    expect(await deliveryOf(machineId)).not.toHaveProperty("exitCode");
  });
});

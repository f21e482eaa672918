import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { expect, test } from "vitest";
import { Db } from "../db/index.ts";
import { keys } from "../table/index.ts";
import { newMachine } from "../testing/index.ts";
import { Machine } from "./index.ts";

const t0 = new Date("2026-06-01T12:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

test("a 304 records lastSeenAt only once the stored one is a full resolution old, and never moves it back", async () => {
  const machineId = await newMachine("seen");
  const lastSeen = async () => (await Machine.get(machineId)).lastSeenAt;
  const touch = async (when: Date, resolution = 60) =>
    Machine.touchLastSeen(await Machine.get(machineId), when, resolution);
  expect(await touch(at(0))).toBe(true);
  expect(await lastSeen()).toBe(at(0).toISOString());
  expect(await touch(at(59.999))).toBe(false);
  expect(await lastSeen()).toBe(at(0).toISOString());
  expect(await touch(at(60))).toBe(true);
  expect(await lastSeen()).toBe(at(60).toISOString());
  // Resolution 0: every poll writes.
  expect(await touch(at(60.001), 0)).toBe(true);
  expect(await lastSeen()).toBe(at(60.001).toISOString());
  // A slower concurrent poll, older than the stored time, writes nothing.
  expect(await touch(at(30), 0)).toBe(false);
  expect(await lastSeen()).toBe(at(60.001).toISOString());
});

test("a removed machine is not recreated by a late poll", async () => {
  const machineId = await newMachine("seen");
  const item = await Machine.get(machineId);
  await Machine.deleteRecord(machineId, item.incarnation);
  expect(await Machine.touchLastSeen(item, at(0), 60)).toBe(false);
  expect(await Machine.find(machineId)).toBeUndefined();
});

test("a file activated before delivery tracking gets its delivery record, once, and only for that file", async () => {
  const machineId = await newMachine("legacy");
  const { uploadId, incarnation } = await Machine.reserveUploadId(machineId);
  const file = {
    uploadId,
    filename: "a.bin",
    size: 1,
    sha256: "c".repeat(64),
    contentType: "application/octet-stream",
    activatedAt: t0.toISOString(),
    key: `files/${machineId}/${uploadId}.bin`,
    etag: '"e"',
  };
  await Machine.activate(machineId, incarnation, file);
  const remove = new UpdateCommand({
    TableName: Db.tableName,
    Key: keys.machine(machineId),
    UpdateExpression: "REMOVE delivery",
  });
  await Db.client.send(remove);
  await Machine.ensureDelivery(machineId, "01JNOTTHECURRENTFILE000000");
  expect((await Machine.get(machineId)).delivery).toBeUndefined();
  await Machine.ensureDelivery(machineId, uploadId);
  expect((await Machine.get(machineId)).delivery).toEqual({ uploadId });
  await Machine.recordReport({ machineId, uploadId, status: "installed" }, at(1));
  await Machine.ensureDelivery(machineId, uploadId);
  expect((await Machine.get(machineId)).delivery).toMatchObject({ uploadId, status: "installed" });
});

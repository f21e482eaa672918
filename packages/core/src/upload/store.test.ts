import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { Machine } from "../machine/index.ts";
import { declare, newMachine } from "../testing/index.ts";
import { Upload } from "./index.ts";

test("the public view of an upload leaves out where and how its bytes are kept", async () => {
  const machineId = await newMachine("store");
  const intent = await declare(machineId, randomBytes(8), "view.bin");
  const item = await Upload.get(intent.uploadId);
  expect(item).toMatchObject({ key: intent.key, contentType: "application/octet-stream", expiresAt: intent.expiresAt });
  expect(Upload.toUpload(item)).toEqual({
    uploadId: intent.uploadId,
    machineId,
    filename: "view.bin",
    size: 8,
    sha256: item.sha256,
    status: "pending",
    createdAt: item.createdAt,
  });
});

test("a machine's uploads are listed newest first, as many as asked for", async () => {
  const machineId = await newMachine("store");
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await declare(machineId, randomBytes(4))).uploadId);
  const machine = await Machine.get(machineId);
  const listed = await Upload.listForMachine(machine, 2);
  expect(listed.map((upload) => upload.uploadId)).toEqual([ids[2], ids[1]]);
  expect(listed[0]).toMatchObject({ machineId, status: "pending", size: 4 });
});

test("a status change happens only from the given statuses, and says whether it did", async () => {
  const machineId = await newMachine("store");
  const { uploadId } = await declare(machineId, randomBytes(4));
  expect(await Upload.transition(uploadId, { to: "active", from: ["superseded"] })).toBe(false);
  expect((await Upload.get(uploadId)).status).toBe("pending");
  expect(await Upload.transition(uploadId, { to: "expired", from: ["pending"], reason: "late" })).toBe(true);
  expect(await Upload.get(uploadId)).toMatchObject({ status: "expired", reason: "late" });
  expect(await Upload.transition(uploadId, { to: "expired", from: ["pending"] })).toBe(false);
});

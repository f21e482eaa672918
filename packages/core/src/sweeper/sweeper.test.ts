import { randomBytes } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, expect, test } from "vitest";
import { Db } from "../db/index.ts";
import { Machine } from "../machine/index.ts";
import { keys } from "../table/index.ts";
import { declare, keysOf, newMachine, putObject } from "../testing/index.ts";
import { Upload } from "../upload/index.ts";
import { Sweeper } from "./index.ts";

// A pending record that cannot be read (written straight into the table, as a bug or a hand edit
// might), sorted before every real upload id so that a sweep meets it first.
const brokenId = `00000000000000${randomBytes(6)
  .toString("hex")
  .toUpperCase()
  .replace(/[ILOU]/g, "0")}`;

afterAll(async () => {
  await Upload.deleteRecord(brokenId);
});

test("one item that fails is logged and counted, and the rest of the sweep runs", async () => {
  await Db.client.send(
    new PutCommand({
      TableName: Db.tableName,
      Item: { ...keys.upload(brokenId), gsi2pk: keys.pendingIndex, gsi2sk: brokenId, uploadId: brokenId, size: "big" },
    }),
  );
  // An upload whose machine was removed with its record left behind (a removal cut short).
  const removedId = await newMachine("swept");
  const content = randomBytes(8);
  const orphan = await declare(removedId, content);
  await putObject(orphan.key, content);
  await Machine.deleteRecord(removedId, (await Machine.get(removedId)).incarnation);

  const report = await Sweeper.run();

  expect(report.failed).toBeGreaterThanOrEqual(1);
  await expect(Upload.get(orphan.uploadId)).rejects.toThrow(/does not exist/);
  expect(await keysOf(removedId)).toEqual([]);
});

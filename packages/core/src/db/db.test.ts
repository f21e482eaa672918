import { randomBytes } from "node:crypto";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { expect, test } from "vitest";
import { Db } from "./index.ts";

const key = () => ({ pk: `dbtest#${randomBytes(6).toString("hex")}`, sk: "dbtest" });

test("a conditional write returns what it wrote, or false when its condition does not hold", async () => {
  const item = key();
  const put = () =>
    Db.conditional(
      new PutCommand({
        TableName: Db.tableName,
        Item: { ...item, n: 1 },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  expect(await put()).toEqual({ attributes: undefined });
  expect(await put()).toBe(false);
  const updated = await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: item,
      UpdateExpression: "SET n = n + :one",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":one": 1 },
      ReturnValues: "ALL_NEW",
    }),
  );
  expect(updated).toEqual({ attributes: { ...item, n: 2 } });
});

test("a write that fails for any other reason is an error, not a lost race", async () => {
  const invalid = new UpdateCommand({
    TableName: Db.tableName,
    Key: key(),
    UpdateExpression: "SET n = :n",
    ConditionExpression: "attribute_exists(pk)",
    // `:n` is missing: DynamoDB refuses the request itself (ValidationException).
    ExpressionAttributeValues: { ":other": 1 },
  });
  await expect(Db.conditional(invalid)).rejects.toMatchObject({ name: "ValidationException" });
  const noTable = new PutCommand({ TableName: `${Db.tableName}-missing`, Item: key() });
  await expect(Db.conditional(noTable)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
});

test("queries read one hash key in sort key order, either way, a page at a time, with range conditions", async () => {
  const pk = `dbtest#${randomBytes(6).toString("hex")}`;
  for (const sk of ["a1", "a2", "b1", "b2", "c1"]) {
    await Db.client.send(new PutCommand({ TableName: Db.tableName, Item: { pk, sk, kind: sk[0] } }));
  }
  const sks = async (query: Omit<Db.IndexQuery, "index" | "hashKey">) =>
    (await Db.queryPage({ index: undefined, hashKey: pk, ...query })).items.map((item) => item.sk);
  expect(await sks({})).toEqual(["a1", "a2", "b1", "b2", "c1"]);
  expect(await sks({ newestFirst: true })).toEqual(["c1", "b2", "b1", "a2", "a1"]);
  expect(await sks({ range: { op: "begins_with", value: "b" } })).toEqual(["b1", "b2"]);
  expect(await sks({ range: { op: "<=", value: "b1" } })).toEqual(["a1", "a2", "b1"]);
  expect(await sks({ range: { op: ">=", value: "b2" } })).toEqual(["b2", "c1"]);
  expect(
    await sks({ filter: { expression: "#kind = :kind", names: { "#kind": "kind" }, values: { ":kind": "a" } } }),
  ).toEqual(["a1", "a2"]);
  const first = await Db.queryPage({ index: undefined, hashKey: pk, limit: 2 });
  expect(first.items.map((item) => item.sk)).toEqual(["a1", "a2"]);
  expect(first.lastKey).toEqual({ pk, sk: "a2" });
  expect(await sks({ startKey: first.lastKey })).toEqual(["b1", "b2", "c1"]);
  const all: unknown[] = [];
  for await (const item of Db.queryAll({ index: undefined, hashKey: pk, limit: 2 })) all.push(item.sk);
  expect(all).toEqual(["a1", "a2", "b1", "b2", "c1"]);
});

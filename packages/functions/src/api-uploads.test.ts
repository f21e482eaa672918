/** POST /uploads through the API's Lambda entry, with API Gateway's payload 2.0 events. */
import { randomBytes } from "node:crypto";
import { Config } from "@fleetdrop/core/config";
import { Machine } from "@fleetdrop/core/machine";
import { sha256 } from "@fleetdrop/core/testing";
import { Upload } from "@fleetdrop/core/upload";
import { expect, test } from "vitest";
import { adminToken, invoke, json } from "./testing/api-event.ts";

test("POST /uploads with a JSON body declares the upload and answers 201 with a POST policy", async () => {
  const { machineId } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const content = randomBytes(300);
  const declaration = {
    machineId,
    filename: "Image.IMG",
    size: content.length,
    sha256: sha256(content),
    contentType: "application/x-raw-disk-image",
  };

  const result = await invoke({
    method: "POST",
    path: "/uploads",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(declaration),
  });

  expect(result.statusCode).toBe(201);
  expect(result.headers["content-type"]).toMatch(/^application\/json/);
  const intent = json(result);
  expect(intent).toMatchObject({ machineId, url: `${Config.s3Endpoint}/${Config.bucketName}` });
  expect(intent.key).toBe(`files/${machineId}/${intent.uploadId}.img`);
  expect(intent.fields).toMatchObject({
    key: intent.key,
    "Content-Type": "application/x-raw-disk-image",
    "x-amz-meta-sha256": declaration.sha256,
  });
  const policy = JSON.parse(Buffer.from(intent.fields.Policy, "base64").toString("utf8"));
  expect(policy.conditions).toContainEqual(["content-length-range", content.length, content.length]);
  expect(Date.parse(intent.expiresAt) - Date.now()).toBeGreaterThan((Config.uploadUrlTtlSeconds - 60) * 1000);

  const stored = await Upload.get(intent.uploadId);
  expect(stored).toMatchObject({
    machineId,
    filename: "Image.IMG",
    size: content.length,
    sha256: declaration.sha256,
    status: "pending",
  });
});

test("POST /uploads accepts a body API Gateway delivers base64-encoded", async () => {
  // API Gateway base64-encodes bodies it does not recognise as text; the JSON must read the same.
  const { machineId } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const declaration = { machineId, filename: "résumé final.pdf", size: 10, sha256: sha256(randomBytes(10)) };

  const result = await invoke({
    method: "POST",
    path: "/uploads",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json; charset=utf-8" },
    body: JSON.stringify(declaration),
    base64: true,
  });

  expect(result.statusCode).toBe(201);
  expect((await Upload.get(json(result).uploadId)).filename).toBe("résumé final.pdf");
});

test("POST /uploads without the admin token is a 401 and declares nothing", async () => {
  const { machineId } = await Machine.register({ machineId: `api-${randomBytes(6).toString("hex")}` });
  const result = await invoke({
    method: "POST",
    path: "/uploads",
    headers: { Authorization: "Bearer not-the-admin-token", "Content-Type": "application/json" },
    body: JSON.stringify({ machineId, filename: "x.bin", size: 1, sha256: sha256(Buffer.from("x")) }),
  });

  expect(result.statusCode).toBe(401);
  expect(json(result).error.code).toBe("unauthorized");
  expect(await Upload.listForMachine(await Machine.get(machineId), 10)).toEqual([]);
});

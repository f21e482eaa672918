/**
 * Each function's IAM grant (infra/access.ts) is what its code calls on AWS: the SDK clients are
 * spied on while the handler runs. The deployment's other checks are in handlers.test.ts.
 */
import { randomBytes } from "node:crypto";
import { type GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type DeleteCommand, DynamoDBDocumentClient, type QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Machine } from "@fleetdrop/core/machine";
import { afterEach, describe, expect, test, vi } from "vitest";

// Webhooks on (to a port nothing listens on), so the outbox writes count among each function's calls.
vi.hoisted(() => {
  process.env.WEBHOOK_URL = "http://127.0.0.1:9/hook";
});

import { ObjectKey } from "@fleetdrop/core/object-key";
import { declare, newMachine, putObject, sha256 } from "@fleetdrop/core/testing";
import { Upload } from "@fleetdrop/core/upload";
import type { Access } from "../../../infra/access.ts";
import { deployed } from "../../../infra/handlers.ts";
import { app } from "./api/app.ts";
import { handler as objectCreated } from "./object-created.ts";
import { handler as sweeper } from "./sweeper.ts";
import { objectCreatedEvent } from "./testing/s3-event.ts";
import { handler as webhooks } from "./webhooks.ts";

/**
 * Records the IAM action each AWS call needs, by resource, in the notation of infra/access.ts.
 * Spies on `send` of the SDK clients the code uses; presigned URLs make no call, so callers add
 * what the signing implies. `paused` runs test setup without recording it.
 */
/** What the spies read of a command: its class, and the key or index it names. */
type Sent = (GetObjectCommand | DeleteCommand | QueryCommand) & { input?: { Key?: unknown; IndexName?: string } };

function recordAwsCalls() {
  const used = new Set<string>();
  let recording = true;
  const record = (call: string) => recording && used.add(call);
  const s3Actions: Record<string, string> = {
    HeadObjectCommand: "objects s3:GetObject",
    GetObjectCommand: "objects s3:GetObject",
    PutObjectCommand: "objects s3:PutObject",
    DeleteObjectCommand: "objects s3:DeleteObject",
    ListObjectsV2Command: "bucket s3:ListBucket",
  };
  const itemActions: Record<string, string> = {
    GetCommand: "table dynamodb:GetItem",
    PutCommand: "table dynamodb:PutItem",
    UpdateCommand: "table dynamodb:UpdateItem",
    DeleteCommand: "table dynamodb:DeleteItem",
  };
  type Send = (this: unknown, ...args: unknown[]) => Promise<unknown>;
  const s3Send = S3Client.prototype.send as Send;
  const s3Spy: Send = function (this, ...args) {
    const command = args[0] as Sent;
    const key = command.input?.Key;
    if (typeof key === "string" && !key.startsWith(ObjectKey.prefix))
      record(`objects outside ${ObjectKey.prefix}: ${key}`);
    record(s3Actions[command.constructor.name] ?? `unmapped S3 ${command.constructor.name}`);
    return s3Send.call(this, ...args);
  };
  vi.spyOn(S3Client.prototype, "send").mockImplementation(s3Spy as S3Client["send"]);
  const dbSend = DynamoDBDocumentClient.prototype.send as Send;
  const dbSpy: Send = function (this, ...args) {
    const command = args[0] as Sent;
    const name = command.constructor.name;
    if (name === "QueryCommand")
      record(command.input?.IndexName ? `indexes ${command.input.IndexName}` : "table dynamodb:Query");
    else record(itemActions[name] ?? `unmapped DynamoDB ${name}`);
    return dbSend.call(this, ...args);
  };
  vi.spyOn(DynamoDBDocumentClient.prototype, "send").mockImplementation(dbSpy as DynamoDBDocumentClient["send"]);
  const paused = async (work: () => Promise<unknown>) => {
    recording = false;
    try {
      await work();
    } finally {
      recording = true;
    }
  };
  return { used, paused };
}

const granted = (grant: Access) =>
  new Set([
    ...grant.objects.map((a) => `objects ${a}`),
    ...grant.bucket.map((a) => `bucket ${a}`),
    ...grant.table.map((a) => `table ${a}`),
    ...grant.indexes.map((i) => `indexes ${i}`),
  ]);

const sorted = (set: Set<string>) => [...set].sort();

afterEach(() => {
  vi.restoreAllMocks();
});

describe("IAM grants match the calls", () => {
  test("api: every route's calls are granted, and every grant is used", async () => {
    const admin = { Authorization: "Bearer test-admin-token-0123456789", "Content-Type": "application/json" };
    const machineId = `iam-${randomBytes(6).toString("hex")}`;
    const content = randomBytes(32);
    const { used, paused } = recordAwsCalls();

    const registered = await app.request("/machines", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ machineId }),
    });
    expect(registered.status).toBe(201);
    expect((await app.request("/machines?limit=5", { headers: admin })).status).toBe(200);
    const declared = await app.request("/uploads", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ machineId, filename: "f.bin", size: content.length, sha256: sha256(content) }),
    });
    expect(declared.status).toBe(201);
    const intent = (await declared.json()) as Upload.Intent;
    // The API signed a POST policy: S3 checks it against the signer's s3:PutObject on the key.
    expect(intent.fields.Policy).toBeDefined();
    used.add("objects s3:PutObject");
    expect((await app.request(`/uploads/${intent.uploadId}`, { headers: admin })).status).toBe(200);

    await paused(async () => {
      await putObject(intent.key, content);
      await Upload.processObject(intent.key);
    });

    const { token } = (await (
      await app.request(`/machines/${machineId}/token`, { method: "POST", headers: admin })
    ).json()) as { token: string };
    const download = await app.request(`/download?machine_id=${machineId}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(302);
    // The API signed a GET: S3 checks it against the signer's s3:GetObject on the key, and answers
    // 404 (not 403) for a key deleted meanwhile only if the signer may list the bucket.
    used.add("objects s3:GetObject");
    used.add("bucket s3:ListBucket");
    const report = { machineId, uploadId: intent.uploadId, status: "installed" };
    const reported = await app.request("/reports", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify(report),
    });
    expect(reported.status).toBe(204);
    expect((await app.request(`/machines/${machineId}`, { headers: admin })).status).toBe(200);
    expect((await app.request(`/machines/${machineId}/downloads`, { headers: admin })).status).toBe(200);
    expect((await app.request("/fleet", { headers: admin })).status).toBe(200);
    expect((await app.request(`/machines/${machineId}`, { method: "DELETE", headers: admin })).status).toBe(204);

    expect(sorted(used)).toEqual(sorted(granted(deployed.api.access)));
  });

  test("object-created: activating an upload that replaces another uses exactly its grant", async () => {
    const machineId = await newMachine("iam");
    const first = randomBytes(40);
    const firstIntent = await declare(machineId, first);
    await putObject(firstIntent.key, first);
    await Upload.processObject(firstIntent.key);
    const second = randomBytes(40);
    const secondIntent = await declare(machineId, second);
    await putObject(secondIntent.key, second);

    const removedId = await newMachine("iam");
    const orphan = await declare(removedId, first);
    await putObject(orphan.key, first);
    await Machine.deleteRecord(removedId, (await Machine.get(removedId)).incarnation);

    const { used } = recordAwsCalls();
    await objectCreated(objectCreatedEvent(encodeURIComponent(secondIntent.key).replace(/%2F/g, "/"), second.length));
    await objectCreated(objectCreatedEvent(encodeURIComponent(`files/${machineId}/stray.bin`).replace(/%2F/g, "/"), 1));
    // An upload whose machine was removed: its record goes with its object.
    await objectCreated(objectCreatedEvent(orphan.key, first.length));
    await expect(Upload.get(orphan.uploadId)).rejects.toThrow(/does not exist/);

    expect((await Upload.get(secondIntent.uploadId)).status).toBe("active");
    expect((await Upload.get(firstIntent.uploadId)).status).toBe("superseded");
    expect(sorted(used)).toEqual(sorted(granted(deployed.objectCreated.access)));
  });

  test("sweeper: its calls are granted, and it may do all that processing an object does", async () => {
    await declare(await newMachine("iam"), randomBytes(8));
    const { used } = recordAwsCalls();
    await sweeper();
    expect(sorted(used).filter((call) => !granted(deployed.sweeper.access).has(call))).toEqual([]);
    expect(used).toContain("indexes gsi2");
    // A sweep processes objects whose event never came, with the object-created handler's code.
    for (const call of granted(deployed.objectCreated.access)) expect(granted(deployed.sweeper.access)).toContain(call);
  });

  test("webhooks: draining the outbox uses exactly its grant", async () => {
    const machineId = await newMachine("iam");
    const content = randomBytes(16);
    const intent = await declare(machineId, content);
    await putObject(intent.key, content);
    await Upload.processObject(intent.key);
    const { used } = recordAwsCalls();
    const drained = await webhooks();
    expect(drained.failed).toBeGreaterThan(0);
    expect(sorted(used)).toEqual(sorted(granted(deployed.webhooks.access)));
  });
});

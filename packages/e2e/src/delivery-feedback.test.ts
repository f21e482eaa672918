/**
 * CONTRACT §6 over HTTP against the real local stack: lastSeenAt, X-Fleetdrop-Upload-Id, reports,
 * delivery states, staleness, list filters, the download log and the fleet summary. The refused
 * reports are in delivery-reports.test.ts.
 */
import { randomBytes } from "node:crypto";
import { type ApiBody, requestDownload, sha256 } from "@fleetdrop/testing/harness";
import { describe, expect, test } from "vitest";
import {
  eventually,
  machine,
  machineWithFile,
  report,
  setUpFeedbackStack,
  stack,
  staleAfterSeconds,
} from "./delivery-feedback-stack.ts";

setUpFeedbackStack();

describe("delivery state", () => {
  test("a machine goes waiting → downloaded → installed, and the 302 and 304 name the upload", async () => {
    const { machineId, token, content, uploadId } = await machineWithFile();
    expect((await machine(machineId)).delivery).toEqual({ uploadId, state: "waiting" });

    const redirect = await requestDownload(stack.url, machineId, token);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("x-fleetdrop-upload-id")).toBe(uploadId);
    const downloaded = await machine(machineId);
    expect(downloaded.delivery).toEqual({ uploadId, state: "downloaded", downloadedAt: downloaded.lastDownloadAt });

    const notModified = await requestDownload(stack.url, machineId, token, { "If-None-Match": `"${sha256(content)}"` });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("x-fleetdrop-upload-id")).toBe(uploadId);

    expect((await report(token, { machineId, uploadId, status: "installed" })).status).toBe(204);
    const installed = await machine(machineId);
    expect(installed.delivery).toMatchObject({ uploadId, state: "installed", downloadedAt: downloaded.lastDownloadAt });
    expect(Date.parse(installed.delivery.reportedAt!)).toBeGreaterThanOrEqual(
      Date.parse(installed.delivery.downloadedAt!),
    );

    // A new file starts over.
    const next = await stack.upload(machineId, randomBytes(100));
    expect((await machine(machineId)).delivery).toEqual({ uploadId: next.upload.uploadId, state: "waiting" });
  });

  test("a failure report gives failed with its message and exit code; a repeat changes nothing", async () => {
    const { machineId, token, uploadId } = await machineWithFile();
    await requestDownload(stack.url, machineId, token);
    const body = {
      machineId,
      uploadId,
      status: "failed",
      message: "install.sh: line 3: permission denied",
      exitCode: 126,
    };
    expect((await report(token, body)).status).toBe(204);
    const failed = await machine(machineId);
    expect(failed.delivery).toMatchObject({ state: "failed", message: body.message, exitCode: 126 });
    expect((await report(token, body)).status).toBe(204);
    expect((await machine(machineId)).delivery).toEqual(failed.delivery);
  });

  test("304 polls move lastSeenAt but not downloadCount; HEAD moves neither", async () => {
    const { machineId, token, content } = await machineWithFile();
    await requestDownload(stack.url, machineId, token);
    const first = await machine(machineId);
    expect(first.downloadCount).toBe(1);
    const etag = `"${sha256(content)}"`;
    const later = await eventually(
      async () => {
        expect((await requestDownload(stack.url, machineId, token, { "If-None-Match": etag })).status).toBe(304);
        return machine(machineId);
      },
      (view) => view.lastSeenAt! > first.lastSeenAt!,
      "a 304 to move lastSeenAt",
    );
    expect(later.downloadCount).toBe(1);
    expect(later.lastDownloadAt).toBe(first.lastDownloadAt);

    const head = await fetch(`${stack.url}/download?machine_id=${machineId}`, {
      method: "HEAD",
      headers: { Authorization: `Bearer ${token}` },
      redirect: "manual",
    });
    expect(head.status).toBe(302);
    const afterHead = await machine(machineId);
    expect(afterHead.downloadCount).toBe(1);
    expect(afterHead.lastSeenAt).toBe(later.lastSeenAt);
  });

  test("a machine that stops polling becomes stale", async () => {
    const { machineId, token } = await machineWithFile();
    expect((await machine(machineId)).stale).toBe(true); // never seen
    await requestDownload(stack.url, machineId, token);
    expect((await machine(machineId)).stale).toBe(false);
    const stale = await eventually(
      () => machine(machineId),
      (view) => view.stale,
      "the machine to become stale",
      (staleAfterSeconds + 10) * 1000,
    );
    expect(Date.now() - Date.parse(stale.lastSeenAt!)).toBeGreaterThanOrEqual(staleAfterSeconds * 1000);
  });
});

describe("admin views", () => {
  test("GET /machines filters by state, staleness and id prefix, and pages through matches", async () => {
    const prefix = `flt${randomBytes(2).toString("hex")}`;
    const a = await machineWithFile(prefix);
    const b = await machineWithFile(prefix);
    const c = await machineWithFile(prefix);
    await requestDownload(stack.url, a.machineId, a.token);
    await report(a.token, { machineId: a.machineId, uploadId: a.uploadId, status: "installed" });
    await requestDownload(stack.url, b.machineId, b.token);
    const ids = async (query: string) =>
      (await stack.api("GET", `/machines?${query}`)).body.machines.map((m) => m.machineId);
    expect(await ids(`q=${prefix}`)).toEqual([a.machineId, b.machineId, c.machineId].sort());
    expect(await ids(`q=${prefix}&state=installed`)).toEqual([a.machineId]);
    expect(await ids(`q=${prefix}&state=downloaded`)).toEqual([b.machineId]);
    expect(await ids(`q=${prefix}&state=waiting&stale=true`)).toEqual([c.machineId]);
    expect(await ids(`q=${prefix}&state=waiting&stale=false`)).toEqual([]);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiBody = (
        await stack.api("GET", `/machines?q=${prefix}&limit=1${cursor ? `&cursor=${cursor}` : ""}`)
      ).body;
      paged.push(...page.machines.map((m) => m.machineId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual([a.machineId, b.machineId, c.machineId].sort());
    for (const bad of ["state=gone", "stale=yes"]) {
      const answer = await stack.api("GET", `/machines?${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("invalid_request");
    }
  });

  test("the download log lists 302s only, newest first, page by page", async () => {
    const { machineId, token, content, uploadId } = await machineWithFile();
    for (const agent of ["agent/1", "agent/2", "agent/3"])
      await requestDownload(stack.url, machineId, token, { "User-Agent": agent });
    await requestDownload(stack.url, machineId, token, { "If-None-Match": `"${sha256(content)}"` });
    const first = (await stack.api("GET", `/machines/${machineId}/downloads?limit=2`)).body;
    expect(first.downloads.map((d) => d.userAgent)).toEqual(["agent/3", "agent/2"]);
    expect(first.downloads[0]).toMatchObject({ uploadId, sourceIp: "127.0.0.1" });
    expect(first.nextCursor).toBeTruthy();
    const second = (await stack.api("GET", `/machines/${machineId}/downloads?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.downloads.map((d) => d.userAgent)).toEqual(["agent/1"]);
    expect(second.nextCursor).toBeNull();
    expect((await stack.api("GET", "/machines/nobody-here/downloads")).status).toBe(404);
    expect((await stack.api("GET", `/machines/${machineId}/downloads?cursor=bogus`)).status).toBe(400);
  });

  test("GET /fleet counts what the machine list shows, and the rejections of the last 24 hours", async () => {
    const { machineId } = await machineWithFile("rej");
    const content = randomBytes(64);
    const intent = await stack.declare(machineId, content);
    // S3 refuses a POST of other bytes; a write with the bucket's credentials is what gets other bytes there.
    await stack.putOutsideTheFlow(intent.key, randomBytes(64));
    expect((await stack.waitForStatus(intent.uploadId)).status).toBe("rejected");

    const listed: ApiBody["machines"] = [];
    let cursor: string | null = null;
    do {
      const page: ApiBody = (await stack.api("GET", `/machines?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).body;
      listed.push(...page.machines);
      cursor = page.nextCursor;
    } while (cursor);
    const answer = await stack.api("GET", "/fleet");
    expect(answer.status).toBe(200);
    const fleet = answer.body as unknown as {
      machines: number;
      states: Record<string, number>;
      stale: number;
      rejectedUploads24h: number;
      updatedAt: string;
    };
    const states = { no_file: 0, waiting: 0, downloaded: 0, installed: 0, failed: 0 } as Record<string, number>;
    for (const m of listed) states[m.delivery.state]!++;
    expect(fleet.machines).toBe(listed.length);
    expect(fleet.states).toEqual(states);
    // Staleness only grows between the two reads.
    expect(fleet.stale).toBeGreaterThanOrEqual(listed.filter((m) => m.stale).length);
    expect(fleet.stale).toBeLessThanOrEqual(listed.length);
    expect(fleet.rejectedUploads24h).toBe(1);
    expect(Date.parse(fleet.updatedAt)).toBeGreaterThanOrEqual(Date.parse(intent.expiresAt) - 15 * 60_000);
    expect((await fetch(`${stack.url}/fleet`)).status).toBe(401);
  });
});

/**
 * The smoke test's steps, in the order an operator's first day runs them, against any deployment:
 * a throw-away machine gets three uploads (1 KB, 10 MiB, a non-ASCII name), each replacing the last,
 * downloads each through the 302 with its sha256 checked, polls for a 304, is refused with another
 * machine's token, reports, and is removed. The machines are removed whatever fails.
 */
import { randomBytes } from "node:crypto";
import { type Answer, type Api, filenameOf, postToS3, sha256 } from "./client.ts";

export type Outcome = "pass" | "fail" | "skipped";

export interface StepResult {
  step: string;
  outcome: Outcome;
  detail: string;
}

/** Thrown by a step that cannot run here; its message says why. */
export class Skipped extends Error {}

const statusWaitMs = 120_000;

function expectStatus(answer: Answer, expected: number, what: string): void {
  if (answer.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body) ?? ""}`.trim());
  }
}

export async function runSmoke(api: Api, log: (result: StepResult) => void = () => {}): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let failed = false;
  const step = async (name: string, run: () => Promise<string>, always = false): Promise<void> => {
    let result: StepResult;
    if (failed && !always) {
      result = { step: name, outcome: "skipped", detail: "an earlier step failed" };
    } else {
      const started = performance.now();
      try {
        const detail = await run();
        result = { step: name, outcome: "pass", detail: `${detail} (${Math.round(performance.now() - started)} ms)` };
      } catch (error) {
        const skipped = error instanceof Skipped;
        failed ||= !skipped;
        result = { step: name, outcome: skipped ? "skipped" : "fail", detail: (error as Error).message };
      }
    }
    results.push(result);
    log(result);
  };

  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const machineId = `smoke-${suffix}`;
  const otherId = `smoke-other-${suffix}`;
  const registered: string[] = [];
  let token = "";
  let previousUploadId: string | undefined;
  let currentUploadId = "";

  const register = async (id: string) => {
    const answer = await api.call("POST", "/machines", { body: { machineId: id, label: "npm run smoke" } });
    expectStatus(answer, 201, `POST /machines ${id}`);
    registered.push(id);
    return answer.body.token as string;
  };

  const waitForUpload = async (uploadId: string, wanted: string) => {
    const deadline = Date.now() + statusWaitMs;
    for (;;) {
      const answer = await api.call("GET", `/uploads/${uploadId}`);
      expectStatus(answer, 200, `GET /uploads/${uploadId}`);
      const { status, reason } = answer.body;
      if (status === wanted) return;
      if (status !== "pending" && status !== "active") {
        throw new Error(`upload ${uploadId} is ${status}${reason ? `: ${reason}` : ""}`);
      }
      if (Date.now() > deadline) throw new Error(`upload ${uploadId} still ${status} after ${statusWaitMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const upload = async (bytes: Uint8Array, filename: string) => {
    const declared = await api.call("POST", "/uploads", {
      body: { machineId, filename, size: bytes.length, sha256: sha256(bytes), contentType: "application/octet-stream" },
    });
    expectStatus(declared, 201, "POST /uploads");
    await postToS3(declared.body, bytes);
    await waitForUpload(declared.body.uploadId, "active");
    previousUploadId = currentUploadId || undefined;
    currentUploadId = declared.body.uploadId;
    if (previousUploadId) await waitForUpload(previousUploadId, "superseded");
    return `upload ${currentUploadId} active${previousUploadId ? `, ${previousUploadId} superseded` : ""}`;
  };

  const download = async (bytes: Uint8Array, filename: string) => {
    const answer = await api.download(machineId, token);
    expectStatus(answer, 302, "GET /download");
    const expected = sha256(bytes);
    const etag = answer.headers.get("etag");
    if (etag !== `"${expected}"`) throw new Error(`ETag ${etag}, expected "${expected}"`);
    if (answer.headers.get("x-content-sha256") !== expected) throw new Error("X-Content-SHA256 is not the sha256");
    const location = answer.headers.get("location");
    if (!location) throw new Error("302 without Location");
    const object = await fetch(location, { signal: AbortSignal.timeout(300_000) });
    if (object.status !== 200) throw new Error(`S3 answered the presigned GET with ${object.status}`);
    const received = new Uint8Array(await object.arrayBuffer());
    if (sha256(received) !== expected) {
      throw new Error(`downloaded ${received.length} bytes whose sha256 is not the upload's`);
    }
    const name = filenameOf(object.headers.get("content-disposition"));
    if (name !== filename) {
      throw new Error(`Content-Disposition names ${JSON.stringify(name)}, not ${JSON.stringify(filename)}`);
    }
    return `302, ${received.length} bytes, sha256 and name match`;
  };

  const small = { bytes: randomBytes(1024), filename: "smoke-1k.bin" };
  const large = { bytes: randomBytes(10 * 1024 * 1024), filename: "smoke-10mib.bin" };
  const unicode = { bytes: randomBytes(4096), filename: "smoke café ✓ 日本語.txt" };

  try {
    await step("health", async () => {
      const answer = await api.call("GET", "/health", { token: null });
      expectStatus(answer, 200, "GET /health");
      return "200";
    });
    await step("register a throw-away machine", async () => {
      token = await register(machineId);
      return machineId;
    });
    await step("upload 1 KB (declare + presigned POST)", () => upload(small.bytes, small.filename));
    await step("download 1 KB through the 302", () => download(small.bytes, small.filename));
    await step("304 with If-None-Match", async () => {
      const answer = await api.download(machineId, token, { "If-None-Match": `"${sha256(small.bytes)}"` });
      expectStatus(answer, 304, "GET /download with If-None-Match");
      if (answer.headers.get("location")) throw new Error("a 304 carried a Location");
      return "304, no Location";
    });
    await step("replace with 10 MiB", () => upload(large.bytes, large.filename));
    await step("download 10 MiB through the 302", () => download(large.bytes, large.filename));
    await step("replace with a non-ASCII filename", () => upload(unicode.bytes, unicode.filename));
    await step("download the non-ASCII filename", () => download(unicode.bytes, unicode.filename));
    await step("foreign and missing token get 401", async () => {
      const foreign = await api.download(machineId, await register(otherId));
      expectStatus(foreign, 401, "another machine's token");
      expectStatus(await api.download(machineId, null), 401, "no token");
      return "401, 401";
    });
    await step("report installed", async () => {
      const body = { machineId, uploadId: currentUploadId, status: "installed" };
      const answer = await api.call("POST", "/reports", { body, token });
      if (answer.status === 404) throw new Skipped("skipped (route absent: 404)");
      expectStatus(answer, 204, "POST /reports");
      return "204";
    });
  } finally {
    await step(
      "remove the machines",
      async () => {
        for (const id of [...registered]) {
          expectStatus(await api.call("DELETE", `/machines/${id}`), 204, `DELETE /machines/${id}`);
          registered.splice(registered.indexOf(id), 1);
        }
        if (token) expectStatus(await api.download(machineId, token), 401, "the removed machine's token");
        return token ? "204; the removed machine's token gets 401" : "nothing was registered";
      },
      true,
    );
  }
  return results;
}

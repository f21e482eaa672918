/** CONTRACT §6 over HTTP against the real local stack: the reports POST /reports refuses, and why. */
import { type ApiBody, requestDownload } from "@fleetdrop/testing/harness";
import { describe, expect, test } from "vitest";
import { machine, machineWithFile, report, setUpFeedbackStack, stack } from "./delivery-feedback-stack.ts";

setUpFeedbackStack();

describe("POST /reports refuses", () => {
  test("missing, foreign and conflicting tokens with the same 401 as /download", async () => {
    const mine = await machineWithFile();
    const theirs = await machineWithFile();
    const body = { machineId: mine.machineId, uploadId: mine.uploadId, status: "installed" };
    const answers = [
      await report(undefined, body),
      await report(theirs.token, body),
      await report(undefined, body, { "X-Fleetdrop-Token": theirs.token }),
      await report(mine.token, body, { "X-Fleetdrop-Token": theirs.token }),
      await report(undefined, { ...body, machineId: "no-such-machine" }, { "X-Fleetdrop-Token": mine.token }),
    ];
    const downloadAnswer = await requestDownload(stack.url, mine.machineId, theirs.token);
    for (const answer of [...answers, downloadAnswer]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toBe("Bearer");
    }
    const bodies = await Promise.all([...answers, downloadAnswer].map((answer) => answer.text()));
    expect(new Set(bodies).size).toBe(1);
    expect((await machine(mine.machineId)).delivery.state).toBe("waiting");
    // The machine's own token in X-Fleetdrop-Token alone works.
    expect((await report(undefined, body, { "X-Fleetdrop-Token": mine.token })).status).toBe(204);
  });

  test("bad reports with the contract's codes, storing nothing", async () => {
    const mine = await machineWithFile();
    const theirs = await machineWithFile();
    const before = await machine(mine.machineId);
    const base = { machineId: mine.machineId, uploadId: mine.uploadId, status: "installed" };
    const cases: [unknown, number, string][] = [
      [{ ...base, uploadId: "01JZZZZZZZZZZZZZZZZZZZZZZZ" }, 409, "unknown_upload"],
      [{ ...base, uploadId: theirs.uploadId }, 409, "unknown_upload"],
      [{ ...base, status: "done" }, 400, "invalid_request"],
      [{ ...base, message: "x".repeat(3 * 1024) }, 400, "invalid_request"],
      [{ ...base, message: "é".repeat(1025) }, 400, "invalid_request"], // 2050 bytes in UTF-8
      [{ ...base, exitCode: 1.5 }, 400, "invalid_request"],
      [{ ...base, uploadId: "not-an-id" }, 400, "invalid_request"],
      ["{not json", 400, "invalid_request"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await report(mine.token, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await answer.json()) as ApiBody).error.code).toBe(code);
    }
    expect(await machine(mine.machineId)).toEqual(before);
    expect((await machine(theirs.machineId)).delivery.state).toBe("waiting");
    // 2048 bytes exactly is fine.
    expect((await report(mine.token, { ...base, message: "é".repeat(1024) })).status).toBe(204);
  });
});

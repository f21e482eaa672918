import { expect, test } from "vitest";
import { Issues } from "../error/index.ts";
import { Machine } from "./index.ts";

const report = { machineId: "press-1", uploadId: "01JABCDEFGHJKMNPQRSTVWXYZ0", status: "failed" };

test("a report's message is at most 2048 bytes of UTF-8, however many characters that is", () => {
  for (const message of ["x".repeat(2048), "é".repeat(1024), ""]) {
    expect(Machine.Report.safeParse({ ...report, message }).success, `${message.length} chars`).toBe(true);
  }
  for (const message of ["x".repeat(2049), "é".repeat(1025)]) {
    const result = Issues.parse(Machine.Report, { ...report, message });
    expect(result.success).toBe(false);
    expect(Issues.describe(result.error!.issues)).toBe("message: must be at most 2048 bytes (UTF-8)");
  }
});

/** After an update: run the --exec hook (if any) and report `installed` or `failed` on the upload. */
import type { ApiClient, DeliveryReport } from "../api-client.ts";
import type { FetchResult } from "../transfer/fetch-file.ts";
import { terminalSafe } from "../ui/safe-text.ts";
import { runHook } from "./hook.ts";
import { describeFlush, submitReport } from "./pending-reports.ts";

export interface InstallReport {
  status: DeliveryReport["status"];
  exitCode?: number;
  /** False when the report waits in the pending file for the next fetch. */
  sent: boolean;
}

export async function reportInstall(
  api: ApiClient,
  machineId: string,
  result: FetchResult,
  argv: string[] | undefined,
): Promise<InstallReport | undefined> {
  const uploadId = result.uploadId;
  if (!uploadId) {
    process.stderr.write("fleetdrop: the API did not name the upload (X-Fleetdrop-Upload-Id); nothing reported.\n");
    return undefined;
  }
  let report: DeliveryReport = { machineId, uploadId, status: "installed" };
  if (argv) {
    const hook = await runHook(argv, { file: result.path, sha256: result.sha256, uploadId });
    if (hook.exitCode !== 0) {
      report = { ...report, status: "failed", exitCode: hook.exitCode, message: hook.stderrTail };
      process.stderr.write(`fleetdrop: ${terminalSafe(argv[0]!)} exited ${hook.exitCode}; reporting failed.\n`);
    } else report = { ...report, exitCode: 0 };
  }
  const flush = await submitReport(api, result.path, report);
  describeFlush(flush);
  return {
    status: report.status,
    ...(report.exitCode === undefined ? {} : { exitCode: report.exitCode }),
    sent: flush.sent.some((r) => r.uploadId === uploadId),
  };
}

/**
 * POST /reports: a machine says whether it installed (or failed to install) one of its uploads.
 * Only a report on the current file changes the delivery state; one on an earlier upload of the
 * machine is accepted and changes nothing. Repeating a report changes nothing, and its webhook has
 * the same id: each change of the report gets its own (machine.<status>#<machine>#<upload>#<n>).
 */
import { UnknownUploadError } from "../error/index.ts";
import * as Machine from "../machine/machine.ts";
import * as Outbox from "../outbox/outbox.ts";
import * as Upload from "../upload/upload.ts";

export async function submit(report: Machine.Report, token: string | undefined, now: Date = new Date()): Promise<void> {
  const machine = await Machine.authenticate(report.machineId, token);
  const upload = await Upload.find(report.uploadId);
  if (!upload || upload.machineId !== report.machineId) throw new UnknownUploadError(report.uploadId);
  // Stryker disable next-line ConditionalExpression: shortcut; recordReport refuses a non-current file
  if (machine.file?.uploadId !== report.uploadId) return;

  // Stryker disable next-line ConditionalExpression: ensureDelivery is a conditional no-op when the delivery exists
  if (!machine.delivery) await Machine.ensureDelivery(report.machineId, report.uploadId);
  const key = Machine.reportKey(report);
  // Already recorded (a retry, perhaps after a crash before the event was written): emit it again, a no-op if it was.
  let stored: Machine.StoredDelivery | false | undefined =
    // Stryker disable next-line ConditionalExpression: shortcut; recordReport refuses a repeat, the re-read finds it
    machine.delivery?.reportKey === key ? machine.delivery : await Machine.recordReport(report, now);
  if (!stored) {
    // Someone else changed the record in between (another report, a new file): recorded only if it matches ours.
    const latest = (await Machine.find(report.machineId))?.delivery;
    stored = latest?.uploadId === report.uploadId && latest.reportKey === key ? latest : undefined;
  }
  if (!stored) return;
  const outcome =
    report.status === "installed"
      ? "installed"
      : `failed${report.exitCode !== undefined ? ` (exit code ${report.exitCode})` : ""}`;
  await Outbox.emit({
    id: `machine.${report.status}#${report.machineId}#${report.uploadId}#${stored.reportSeq ?? 1}`,
    event: `machine.${report.status}`,
    machineId: report.machineId,
    uploadId: report.uploadId,
    // Stryker disable next-line LogicalOperator: reportedAt is always set (from `now`, or already queued)
    at: stored.reportedAt ?? now.toISOString(),
    text: `${report.machineId}: ${upload.filename} (upload ${report.uploadId}) ${outcome}${report.message ? `: ${firstLine(report.message)}` : ""}`,
    filename: upload.filename,
    // Stryker disable next-line ConditionalExpression: JSON leaves out an undefined message
    ...(report.message !== undefined ? { message: report.message } : {}),
    // Stryker disable next-line ConditionalExpression: JSON leaves out an undefined exit code
    ...(report.exitCode !== undefined ? { exitCode: report.exitCode } : {}),
  });
}

function firstLine(message: string): string {
  // Stryker disable next-line StringLiteral: split always returns a first element
  const line = message.trim().split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * A machine's report on its current file: one conditional write to its delivery record, which only
 * changes something when the report does (same status, message and exit code: nothing to write).
 */
import { createHash } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Db from "../db/db.ts";
import { keys } from "../table/index.ts";
import { type Report, StoredDelivery } from "./schema.ts";

/** Identifies a report's content, so a repeat is recognised. */
export function reportKey(report: Pick<Report, "status" | "message" | "exitCode">): string {
  const content = JSON.stringify([report.status, report.message ?? null, report.exitCode ?? null]);
  // Stryker disable next-line MethodExpression: a longer key identifies the report as well
  return createHash("sha256").update(content).digest("hex").slice(0, 32);
}

/**
 * Records `report` if its upload is still the machine's current file and the stored report differs.
 * Returns the delivery as written, or false if nothing was written (not current, or the same report).
 */
export async function recordReport(report: Report, now: Date): Promise<StoredDelivery | false> {
  const sets = [
    "delivery.#status = :status",
    "delivery.reportedAt = :at",
    "delivery.reportKey = :key",
    "delivery.reportSeq = if_not_exists(delivery.reportSeq, :zero) + :one",
  ];
  const removes: string[] = [];
  const values: Record<string, unknown> = {
    ":status": report.status,
    ":at": now.toISOString(),
    ":key": reportKey(report),
    ":zero": 0,
    ":one": 1,
    ":uploadId": report.uploadId,
  };
  for (const field of ["message", "exitCode"] as const) {
    if (report[field] === undefined) removes.push(`delivery.${field}`);
    else {
      sets.push(`delivery.${field} = :${field}`);
      values[`:${field}`] = report[field];
    }
  }
  const written = await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.machine(report.machineId),
      UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
      ConditionExpression:
        "delivery.uploadId = :uploadId AND (attribute_not_exists(delivery.reportKey) OR delivery.reportKey <> :key)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: values,
      ReturnValues: "ALL_NEW",
    }),
  );
  // Stryker disable next-line OptionalChaining: ALL_NEW always returns attributes
  return written ? StoredDelivery.parse(written.attributes?.delivery) : false;
}

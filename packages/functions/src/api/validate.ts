/** zValidator with the contract's 400: one readable sentence naming every offending field. */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { InvalidRequestError } from "@fleetdrop/core/error";

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

export function describeIssues(issues: readonly Issue[]): string {
  const parts = issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  return `Invalid request: ${parts.join("; ")}.`;
}

export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw new InvalidRequestError(describeIssues(result.error.issues));
  });

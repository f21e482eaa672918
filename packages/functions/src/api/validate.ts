/**
 * Validation on the route, with the contract's 400: one readable sentence naming every offending
 * field, in our words (core's Issues), never zod's.
 */

import { InvalidRequestError, Issues } from "@fleetdrop/core/error";
import type { ValidationTargets } from "hono";
import { validator } from "hono/validator";
import type * as z from "zod/mini";

const invalid = (issues: readonly z.core.$ZodIssue[]) =>
  new InvalidRequestError(`Invalid request: ${Issues.describe(issues)}.`);

export const validate = <Target extends keyof ValidationTargets, Schema extends z.core.$ZodType>(
  target: Target,
  schema: Schema,
) =>
  validator(target, async (value): Promise<z.output<Schema>> => {
    const result = await Issues.parseAsync(schema, value);
    if (!result.success) throw invalid(result.error.issues);
    return result.data;
  });

/**
 * A JSON body, whatever its Content-Type: `curl -d '{…}'` sends application/x-www-form-urlencoded
 * unless told otherwise, and the API speaks only JSON, so a JSON body is read as JSON regardless.
 * (With a JSON Content-Type, Hono has already parsed it, and malformed JSON is a 400.)
 */
export const validateJson = <Schema extends z.core.$ZodType>(schema: Schema) =>
  validator("json", async (value, c): Promise<z.output<Schema>> => {
    const declaredJson = /^application\/([\w.+-]+\+)?json\b/i.test(c.req.header("Content-Type") ?? "");
    const body = declaredJson ? value : parseJson(await c.req.text());
    const result = Issues.parse(schema, body);
    if (!result.success) throw invalid(result.error.issues);
    return result.data;
  });

function parseJson(text: string): unknown {
  if (text.trim() === "") throw new InvalidRequestError("The request body must be a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError("The request body is not valid JSON.");
  }
}

/**
 * The tunables (../tunables), read from the environment and checked once. No resource links and no
 * endpoints, so the logger can read LOG_LEVEL here before the local stack has linked anything.
 */
import type * as z from "zod/mini";
import { Issues } from "../error/index.ts";
import { Tunables } from "../tunables/index.ts";

/** Parses environment variables with `schema`; throws naming every bad setting. */
export function readEnvironment<Schema extends z.core.$ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv,
): z.output<Schema> {
  const parsed = Issues.parse(schema, env);
  if (!parsed.success) throw new Error(`Configuration: invalid environment: ${Issues.describe(parsed.error.issues)}`);
  return parsed.data;
}

export const tunables = readEnvironment(Tunables, process.env);

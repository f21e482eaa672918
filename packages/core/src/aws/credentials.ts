/**
 * Credentials for the SDK clients. On Lambda the function's role credentials are in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so `fromEnv` is all a
 * function needs: the SDK's default chain would try the same first, but it carries the SSO, INI,
 * STS and instance-metadata providers, which the bundles then leave in a chunk that is never loaded.
 * Elsewhere (the local stack's static stand-in keys, a developer's profile) the default chain applies.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";

/** Set by the Lambda runtime in every function's environment. */
export const onLambda = (env: NodeJS.ProcessEnv = process.env) => Boolean(env.AWS_LAMBDA_FUNCTION_NAME);

/** Lambda's environment credentials there, else undefined: the SDK's default chain. */
export function lambdaCredentials(env: NodeJS.ProcessEnv = process.env): ReturnType<typeof fromEnv> | undefined {
  return onLambda(env) ? fromEnv() : undefined;
}

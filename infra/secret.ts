/** The admin bearer token: `npx sst secret set AdminToken <token> --stage <stage>` before deploying. */
import type { LinkName } from "./handlers.ts";

export const adminToken = new sst.Secret("AdminToken" satisfies LinkName);

/**
 * Signs webhooks (X-Fleetdrop-Signature) when set: `npx sst secret set WebhookSecret <secret> --stage
 * <stage>`. A secret, not a tunable, so it reaches only the functions that send webhooks. Its
 * placeholder (empty) means unsigned, so a stage without webhooks needs no setup.
 */
export const webhookSecret = new sst.Secret("WebhookSecret" satisfies LinkName, "");

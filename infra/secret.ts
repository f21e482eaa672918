/** The admin bearer token: `npx sst secret set AdminToken <token> --stage <stage>` before deploying. */
import type { LinkName } from "./handlers.ts";

export const adminToken = new sst.Secret("AdminToken" satisfies LinkName);

/** A function's entry, links and grant, from its data in infra/handlers.ts, as SST function arguments. */
import type { Deployed, LinkName } from "./handlers.ts";
import { grants } from "./permissions.ts";
import { adminToken, webhookSecret } from "./secret.ts";
import { bucket, table } from "./storage.ts";

const linkable = { Bucket: bucket, Table: table, AdminToken: adminToken, WebhookSecret: webhookSecret } satisfies Record<LinkName, unknown>;

export function wiring(deployed: Deployed) {
  return {
    handler: deployed.handler,
    link: deployed.links.map((name) => linkable[name]),
    permissions: grants(deployed.access, { bucket, table }),
  } satisfies Partial<sst.aws.FunctionArgs>;
}

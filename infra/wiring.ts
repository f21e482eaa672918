/**
 * A function's entry, links, grant and failure destination, from its data in infra/handlers.ts, as
 * SST function arguments (on top of infra/functions.ts `defaults`, whose transform it extends).
 */
import { failureDestinationActions } from "./access.ts";
import { defaults } from "./functions.ts";
import type { Deployed, LinkName, QueueName } from "./handlers.ts";
import { grants } from "./permissions.ts";
import { objectCreatedFailures } from "./queues.ts";
import { adminToken, webhookSecret } from "./secret.ts";
import { bucket, table } from "./storage.ts";

const linkable = {
  Bucket: bucket,
  Table: table,
  AdminToken: adminToken,
  WebhookSecret: webhookSecret,
} satisfies Record<LinkName, unknown>;
const queues = { ObjectCreatedFailures: objectCreatedFailures } satisfies Record<QueueName, sst.aws.Queue>;

export function wiring(deployed: Deployed) {
  const args = {
    handler: deployed.handler,
    link: deployed.links.map((name) => linkable[name]),
    permissions: grants(deployed.access, { bucket, table }),
  } satisfies Partial<sst.aws.FunctionArgs>;
  if (!deployed.onFailure) return args;
  const queue = queues[deployed.onFailure.queue];
  return {
    ...args,
    // Lambda sends the failed event with the function's own role.
    permissions: [...args.permissions, { actions: [...failureDestinationActions], resources: [queue.arn] }],
    retries: deployed.onFailure.retries,
    transform: {
      ...defaults.transform,
      eventInvokeConfig: (invoke) => {
        invoke.maximumEventAgeInSeconds = 6 * 3600;
        invoke.destinationConfig = { onFailure: { destination: queue.arn } };
      },
    },
  } satisfies Partial<sst.aws.FunctionArgs>;
}

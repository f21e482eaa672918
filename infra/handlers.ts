/**
 * Every deployed function as plain data (no SST globals): its entry, the resources it links, its
 * IAM grant and, for one invoked asynchronously, where a failed event goes. infra/wiring.ts turns an
 * entry into SST function arguments; packages/functions/src/handlers.test.ts checks this data against
 * the entry files, and iam-grants.test.ts (next to it) against the code's AWS calls.
 */
import { type Access, access } from "./access.ts";

/** The linkable resources by their SST names: what the code reads as `Resource.<Name>`. */
export type LinkName = "Bucket" | "Table" | "AdminToken" | "WebhookSecret";

/** The failure queues of infra/queues.ts by their SST names. */
export type QueueName = "ObjectCreatedFailures";

export interface Deployed {
  /** `<file without .ts>.<exported function>`, from the repository root. */
  handler: string;
  links: readonly LinkName[];
  access: Access;
  /** Asynchronous invocations: Lambda retries a failed event this often, then sends it to the queue. */
  onFailure?: { retries: number; queue: QueueName };
}

export const deployed = {
  api: { handler: "packages/functions/src/api.handler", links: ["Bucket", "Table", "AdminToken"], access: access.api },
  /** S3 invokes it asynchronously; the sweeper would still process the object, the queue says it had to. */
  objectCreated: {
    handler: "packages/functions/src/object-created.handler",
    links: ["Bucket", "Table"],
    access: access.objectCreated,
    onFailure: { retries: 2, queue: "ObjectCreatedFailures" },
  },
  sweeper: {
    handler: "packages/functions/src/sweeper.handler",
    links: ["Bucket", "Table", "WebhookSecret"],
    access: access.sweeper,
  },
  // Links the bucket's name only because the configuration requires it of every function; no S3 grant.
  webhooks: {
    handler: "packages/functions/src/webhooks.handler",
    links: ["Bucket", "Table", "WebhookSecret"],
    access: access.webhooks,
  },
} as const satisfies Record<string, Deployed>;

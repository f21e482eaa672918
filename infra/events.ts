/**
 * S3 ObjectCreated events under files/ to the handler that makes an upload the machine's file.
 * A bucket takes one notify call: every subscriber belongs in this one list.
 *
 * S3 invokes the function asynchronously: Lambda retries a failed event twice, then sends it to
 * the failure queue (infra/handlers.ts, infra/queues.ts), where it stays 14 days for an operator to
 * read (and an alarm fires, see infra/alarms.ts). The sweeper would still process the object later;
 * the queue says that it had to.
 */
import { ObjectKey } from "@fleetdrop/core/object-key";
import { defaults, hashing } from "./functions.ts";
import { deployed } from "./handlers.ts";
import { bucket } from "./storage.ts";
import { wiring } from "./wiring.ts";

export const objectCreated = new sst.aws.Function("ObjectCreated", {
  ...defaults,
  ...hashing,
  ...wiring(deployed.objectCreated),
});

bucket.notify({
  notifications: [
    {
      name: "ObjectCreated",
      events: ["s3:ObjectCreated:*"],
      filterPrefix: ObjectKey.prefix,
      function: objectCreated.arn,
    },
  ],
});

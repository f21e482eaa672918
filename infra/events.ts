/**
 * S3 ObjectCreated events under files/ to the handler that makes an upload the machine's file.
 * A bucket takes one notify call: every subscriber belongs in this one list.
 *
 * S3 invokes the function asynchronously: Lambda retries a failed event twice, then sends it to
 * the failure queue, where it stays 14 days for an operator to read (and an alarm fires, see
 * infra/alarms.ts). The sweeper would still process the object later; the queue says that it had to.
 */
import { access, failureDestinationActions, filesPrefix } from "./access.ts";
import { defaults, hashing } from "./functions.ts";
import { grants } from "./permissions.ts";
import { bucket, table } from "./storage.ts";

export const objectCreatedFailures = new sst.aws.Queue("ObjectCreatedFailures", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

export const objectCreated = new sst.aws.Function("ObjectCreated", {
  ...defaults,
  ...hashing,
  handler: "packages/functions/src/object-created.handler",
  link: [bucket, table],
  permissions: [
    ...grants(access.objectCreated, { bucket, table }),
    { actions: [...failureDestinationActions], resources: [objectCreatedFailures.arn] },
  ],
  retries: 2,
  transform: {
    ...defaults.transform,
    eventInvokeConfig: (args) => {
      args.maximumEventAgeInSeconds = 6 * 3600;
      args.destinationConfig = { onFailure: { destination: objectCreatedFailures.arn } };
    },
  },
});

bucket.notify({
  notifications: [
    {
      name: "ObjectCreated",
      events: ["s3:ObjectCreated:*"],
      filterPrefix: filesPrefix,
      function: objectCreated.arn,
    },
  ],
});

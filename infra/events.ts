/**
 * S3 ObjectCreated events under files/ to the handler that makes an upload the machine's file.
 * A bucket takes one notify call: every subscriber belongs in this one list.
 */
import { access, filesPrefix } from "./access.ts";
import { defaults, hashing } from "./functions.ts";
import { grants } from "./permissions.ts";
import { bucket, table } from "./storage.ts";

bucket.notify({
  notifications: [
    {
      name: "ObjectCreated",
      events: ["s3:ObjectCreated:*"],
      filterPrefix: filesPrefix,
      function: {
        ...defaults,
        ...hashing,
        handler: "packages/functions/src/object-created.handler",
        link: [bucket, table],
        permissions: grants(access.objectCreated, { bucket, table }),
      },
    },
  ],
});

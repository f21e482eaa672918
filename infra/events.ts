/**
 * S3 ObjectCreated events under files/ to the handler that makes an upload the machine's file.
 * A bucket takes one notify call: every subscriber belongs in this one list.
 */
import { ObjectKey } from "@fleetdrop/core/object-key";
import { defaults, hashing } from "./functions.ts";
import { deployed } from "./handlers.ts";
import { bucket } from "./storage.ts";
import { wiring } from "./wiring.ts";

bucket.notify({
  notifications: [
    {
      name: "ObjectCreated",
      events: ["s3:ObjectCreated:*"],
      filterPrefix: ObjectKey.prefix,
      function: {
        ...defaults,
        ...hashing,
        ...wiring(deployed.objectCreated),
      },
    },
  ],
});

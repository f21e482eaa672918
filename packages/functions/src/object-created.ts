/**
 * Lambda entry: S3 ObjectCreated notifications. A failure throws, so Lambda's asynchronous retries
 * (and the sweeper after them) deliver the object again; processing is idempotent.
 */

import { Config } from "@fleetdrop/core/config";
import { log } from "@fleetdrop/core/log";
import { ObjectKey } from "@fleetdrop/core/object-key";
// Every event reads S3: load the S3 SDK at init, not lazily on the first event (see core storage/sdk.ts).
import "@fleetdrop/core/storage/sdk";
import { Upload } from "@fleetdrop/core/upload";
import type { Handler, S3Event } from "aws-lambda";
import { invocation } from "./lambda/invocation.ts";

export const handler = invocation(async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    if (!record.eventName.startsWith("ObjectCreated:") || record.s3.bucket.name !== Config.bucketName) {
      log.warn("ignored an event for another bucket or kind", {
        eventName: record.eventName,
        bucket: record.s3.bucket.name,
      });
      continue;
    }
    const key = ObjectKey.fromEventKey(record.s3.object.key);
    const outcome = await Upload.processObject(key);
    log.info("processed object", { key, outcome, eventName: record.eventName, sequencer: record.s3.object.sequencer });
  }
}) satisfies Handler<S3Event, void>;

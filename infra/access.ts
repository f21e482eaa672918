/**
 * What each function may do on AWS: exactly the IAM actions its code uses, by resource. Plain data
 * (no SST globals), so infra/permissions.ts turns it into policy statements and
 * packages/functions/src/iam-grants.test.ts checks it against the calls each handler really makes.
 *
 *   objects  actions on the bucket's `files/*` keys (HeadObject is authorized as s3:GetObject)
 *   bucket   actions on the bucket itself (s3:ListBucket, which also makes S3 answer 404, not 403,
 *            for a missing key: Storage.head and Storage.sha256Of rely on that)
 *   table    actions on the table's items (Query: on the primary key, the download log)
 *   indexes  the global indexes the function queries (dynamodb:Query on table/<name>/index/<index>)
 *
 * Presigned URLs act with the permissions of the role that signed them: the API signs upload POSTs
 * (s3:PutObject) and download GETs (s3:GetObject), so it holds both on `files/*`.
 */
import type { IndexName } from "@fleetdrop/core/table";

export type ObjectAction = "s3:GetObject" | "s3:PutObject" | "s3:DeleteObject";
export type BucketAction = "s3:ListBucket";
export type ItemAction =
  | "dynamodb:GetItem"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:DeleteItem"
  | "dynamodb:Query";

export interface Access {
  objects: readonly ObjectAction[];
  bucket: readonly BucketAction[];
  table: readonly ItemAction[];
  indexes: readonly IndexName[];
}

/**
 * Not an action any code calls: Lambda itself sends an ObjectCreated event that failed every retry
 * to the failure queue (infra/events.ts), with the function's role.
 */
export const failureDestinationActions = ["sqs:SendMessage"] as const;

export const access = {
  /**
   * Admin routes, upload declaration (signs the POST), download (signs the GET; logs it, queried on
   * the primary key), reports, machine removal, the fleet summary (rejections in gsi2), events.
   */
  api: {
    objects: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
    bucket: ["s3:ListBucket"],
    table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"],
    indexes: ["gsi1", "gsi2"],
  },
  /**
   * Upload.processObject: inspect and hash the object, switch the machine's file, delete leftovers,
   * delete the record of an upload whose machine was removed, and emit upload.activated/rejected
   * (a put into the outbox).
   */
  objectCreated: {
    objects: ["s3:GetObject", "s3:DeleteObject"],
    bucket: ["s3:ListBucket"],
    table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    indexes: [],
  },
  /**
   * Sweeper.run: unfinished removals and pending uploads (gsi2), current files, a removed machine's
   * uploads and stale machines (gsi1), then processObject; finishing a removal deletes items (the
   * download log queried on the primary key); machine.stale events; retries of webhooks (the outbox in gsi2).
   */
  sweeper: {
    objects: ["s3:GetObject", "s3:DeleteObject"],
    bucket: ["s3:ListBucket"],
    table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"],
    indexes: ["gsi1", "gsi2"],
  },
  /** Outbox.drain on the table's stream: due webhooks (gsi2), claimed and marked sent. No S3. */
  webhooks: {
    objects: [],
    bucket: [],
    table: ["dynamodb:UpdateItem"],
    indexes: ["gsi2"],
  },
} as const satisfies Record<string, Access>;

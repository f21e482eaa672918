/**
 * IAM statements for a function from its entry in infra/access.ts. Linking the bucket and table
 * gives code their names only (see infra/storage.ts); these statements are the whole grant.
 */
import { ObjectKey } from "@fleetdrop/core/object-key";
import type { Access } from "./access.ts";

interface Resources {
  bucket: sst.aws.Bucket;
  table: sst.aws.Dynamo;
}

/** One IAM statement, as a function's `permissions` lists them. */
export interface Statement {
  actions: string[];
  resources: $util.Input<string>[];
}

export function grants(access: Access, { bucket, table }: Resources): Statement[] {
  const statements = [
    { actions: [...access.objects], resources: [$interpolate`${bucket.arn}/${ObjectKey.prefix}*`] },
    { actions: [...access.bucket], resources: [bucket.arn] },
    { actions: [...access.table], resources: [table.arn] },
    {
      actions: ["dynamodb:Query"],
      resources: access.indexes.map((index) => $interpolate`${table.arn}/index/${index}`),
    },
  ];
  return statements.filter((statement) => statement.actions.length > 0 && statement.resources.length > 0);
}

/* The resources linked to Fleetdrop's functions (sst.config.ts), as `Resource.X` sees them.
   SST regenerates this file on `sst deploy`; the local stack provides the same values through
   SST_RESOURCE_<Name> environment variables. */
import "sst";

declare module "sst" {
  export interface Resource {
    AdminToken: { type: "sst.sst.Secret"; value: string };
    Bucket: { name: string; type: "sst.aws.Bucket" };
    Table: { name: string; type: "sst.aws.Dynamo" };
    WebhookSecret: { type: "sst.sst.Secret"; value: string };
  }
}

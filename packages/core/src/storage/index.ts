export * as Storage from "./storage.ts";
export * as ObjectKey from "./object-key.ts";
export * as ContentDisposition from "./content-disposition.ts";
export { createS3Client } from "./s3-client.ts";

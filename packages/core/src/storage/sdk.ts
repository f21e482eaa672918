/**
 * Everything storage takes from the S3 SDK: the client, the commands and both presigners. Storage
 * loads this module on first use (storage.ts `sdk()`), so a function that touches S3 only on some requests
 * (the API: a 302, an upload declaration, a removal; never a 304 poll) does not load the S3 client
 * at cold start: with code splitting it is a chunk of its own. A function that uses S3 on every
 * invocation imports `@fleetdrop/core/storage/sdk` statically, so it loads at init as before.
 *
 * Nothing reachable from a function's entry may import `@aws-sdk/client-s3` statically (nor the
 * `aws` folder's index, which does): esbuild assigns whole files to chunks by static reachability,
 * so one such import would pull the S3 client back into the cold-start chunk.
 */
export { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
export { createPresignedPost } from "@aws-sdk/s3-presigned-post";
export { getSignedUrl } from "@aws-sdk/s3-request-presigner";
export { s3 } from "./client.ts";

/**
 * The S3 client. Against real S3 it is a plain client. With FLEETDROP_S3_ENDPOINT (the local stack's
 * S3-compatible server) it uses path-style URLs signed for that exact host, sends checksums only
 * when an operation requires them (the stand-in cannot read aws-chunked bodies), and signs bucket
 * paths without the trailing slash the stand-in's signature check expects.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { Config } from "../config/index.ts";

function create(): S3Client {
  if (!Config.s3Endpoint) return new S3Client({ region: Config.region });
  const client = new S3Client({
    region: Config.region,
    endpoint: Config.s3Endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string };
      if (typeof request.path === "string" && /^\/[^/]+\/$/.test(request.path)) request.path = request.path.slice(0, -1);
      return next(args);
    },
    { step: "build", name: "stripBucketTrailingSlash" },
  );
  return client;
}

export const s3 = create();

/**
 * S3 clients. Against real S3, a plain client. With an endpoint (an S3-compatible server such as the
 * local stand-in) it uses path-style URLs signed for that exact host, sends checksums only when an
 * operation requires them (the stand-in cannot read aws-chunked bodies), and signs bucket paths
 * without the trailing slash the stand-in's signature check expects.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { lambdaCredentials } from "./credentials.ts";

export function createS3Client(options: { region: string; endpoint?: string | undefined }): S3Client {
  if (!options.endpoint) return new S3Client({ region: options.region, credentials: lambdaCredentials() });
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string };
      if (typeof request.path === "string" && /^\/[^/]+\/$/.test(request.path))
        request.path = request.path.slice(0, -1);
      return next(args);
    },
    // Stryker disable next-line StringLiteral: the name only identifies it; the default step sees the path too
    { step: "build", name: "stripBucketTrailingSlash" },
  );
  return client;
}

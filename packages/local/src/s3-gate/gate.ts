/**
 * The local S3's front door: refuses what S3 refuses before s3rver sees a request. s3rver itself
 * checks header signatures, presigned-URL signatures and expiry, and mixed auth mechanisms; it does
 * not refuse unsigned requests, validate presigned parameters fully, or check POST policies at all.
 * CORS preflights pass unsigned, as on S3.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type FormPostOptions, handleFormPost } from "./form-post.ts";
import { accessDenied, S3Error, sendS3Error } from "./s3-error.ts";
import { parseAmzDate, parseCredential } from "./sigv4.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_PRESIGNED_EXPIRES_SECONDS = 7 * 24 * 3600;

export const onlyOneAuthMechanism = () =>
  new S3Error(
    "InvalidArgument",
    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the " +
      "Authorization header should be specified",
    { ArgumentName: "Authorization" },
  );

export function createGate(options: FormPostOptions & { passThrough: Handler }): Handler {
  return (req, res) => {
    try {
      if (req.method === "OPTIONS") return options.passThrough(req, res);
      const url = new URL(req.url ?? "/", "http://local-s3");
      const query = url.searchParams;
      const mechanisms = ["authorization" in req.headers, query.has("X-Amz-Algorithm"), query.has("Signature")].filter(
        Boolean,
      ).length;
      if (mechanisms > 1) throw onlyOneAuthMechanism();

      const bucket = /^\/([^/]+)\/?$/.exec(url.pathname)?.[1];
      const isFormPost =
        req.method === "POST" &&
        bucket !== undefined &&
        url.search === "" &&
        /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");
      if (isFormPost) return handleFormPost(req, res, decodeURIComponent(bucket), options);

      if (mechanisms === 0) throw accessDenied();
      if (query.has("X-Amz-Algorithm")) checkPresignedParameters(query, options.region);
      options.passThrough(req, res);
    } catch (error) {
      req.resume();
      if (error instanceof S3Error) return sendS3Error(res, error);
      options.onFailure(error);
      sendS3Error(res, new S3Error("InternalError", "We encountered an internal error. Please try again."));
    }
  };
}

/** What S3 checks on a SigV4 query-presigned URL besides its signature and expiry (which s3rver checks). */
function checkPresignedParameters(query: URLSearchParams, region: string): void {
  const missing = ["X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires"].some(
    (name) => !query.has(name),
  );
  if (missing || query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, " +
        "X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    );
  }
  const amzDate = query.get("X-Amz-Date")!;
  if (Number.isNaN(parseAmzDate(amzDate))) {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
    );
  }
  const expires = query.get("X-Amz-Expires")!;
  if (!/^\d+$/.test(expires))
    throw new S3Error("AuthorizationQueryParametersError", "X-Amz-Expires should be a number");
  if (Number(expires) > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds",
    );
  }
  parseCredential(query.get("X-Amz-Credential")!, amzDate, region);
}

/**
 * The parts of AWS Signature Version 4 that S3 checks on query-presigned requests and POST policies.
 * The stand-in knows one key pair, the one s3rver hard-codes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { S3Error } from "./s3-error.ts";

const secrets = new Map([["S3RVER", "S3RVER"]]);

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** `<access key>/<yyyymmdd>/<region>/s3/aws4_request`, checked as S3 checks it against the request. */
export function parseCredential(credential: string, amzDate: string, expectedRegion: string): CredentialScope {
  const [accessKeyId = "", date = "", region = "", service = "", terminator = "", ...rest] = credential.split("/");
  if (rest.length > 0 || terminator !== "aws4_request" || !/^\d{8}$/.test(date)) {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      `Error parsing the X-Amz-Credential parameter; ${credential}`,
    );
  }
  if (!secrets.has(accessKeyId)) {
    throw new S3Error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", {
      AWSAccessKeyId: accessKeyId,
    });
  }
  if (region !== expectedRegion) {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      `Error parsing the X-Amz-Credential parameter; the region '${region}' is wrong; expecting '${expectedRegion}'`,
    );
  }
  if (service !== "s3") {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      `Error parsing the X-Amz-Credential parameter; incorrect service '${service}'. This endpoint belongs to 's3'.`,
    );
  }
  if (!amzDate.startsWith(date)) {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      `Invalid credential date. Date is not the same as X-Amz-Date.`,
    );
  }
  return { accessKeyId, date, region, service };
}

/** `yyyymmddThhmmssZ` → epoch ms, or NaN. */
export function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

function signingKey(scope: CredentialScope): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  const secret = secrets.get(scope.accessKeyId)!;
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, scope.date), scope.region), scope.service), "aws4_request");
}

/** A POST policy's signature is the SigV4 HMAC of the base64 policy text itself. */
export function verifyPolicySignature(policyBase64: string, signature: string, scope: CredentialScope): void {
  const expected = createHmac("sha256", signingKey(scope)).update(policyBase64, "utf8").digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, "hex") : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new S3Error(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      { AWSAccessKeyId: scope.accessKeyId, StringToSign: policyBase64 },
    );
  }
}

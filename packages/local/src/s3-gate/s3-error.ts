/** S3's error responses: the status S3 gives each code, and its XML body. */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

const statusOf: Record<string, number> = {
  AccessDenied: 403,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidPolicyDocument: 400,
  InvalidRequest: 400,
  MalformedPOSTRequest: 400,
  MaxPostPreDataLengthExceededError: 400,
  SignatureDoesNotMatch: 403,
};

export class S3Error extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: Record<string, string>;

  constructor(code: keyof typeof statusOf, message: string, detail: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.status = statusOf[code] ?? 400;
    this.detail = detail;
  }
}

export const accessDenied = () => new S3Error("AccessDenied", "Access Denied");

/** "Invalid according to Policy: …", S3's 403 for a POST whose policy does not allow it. */
export const policyRefusal = (reason: string) => new S3Error("AccessDenied", `Invalid according to Policy: ${reason}`);

const escapeXml = (text: string) => text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);

export function errorXml(error: S3Error, requestId: string): string {
  const elements = { Code: error.code, Message: error.message, ...error.detail, RequestId: requestId };
  const body = Object.entries(elements)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
}

export function sendS3Error(res: ServerResponse, error: S3Error, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const requestId = randomBytes(8).toString("hex").toUpperCase();
  const body = errorXml(error, requestId);
  res.writeHead(error.status, {
    ...extraHeaders,
    "Content-Type": "application/xml",
    "Content-Length": Buffer.byteLength(body),
    "x-amz-request-id": requestId,
  });
  res.end(body);
}

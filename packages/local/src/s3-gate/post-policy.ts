/**
 * What S3 checks on a browser-based (POST) upload before and after the file, as documented for
 * SigV4 POST policies: the policy's signature and expiry, every condition (exact match, `eq`,
 * `starts-with`, `content-length-range`), that every form field is covered by a condition, and a
 * declared `x-amz-checksum-sha256` against the received bytes. Pure: the caller streams the bytes.
 */
import { accessDenied, policyRefusal, S3Error } from "./s3-error.ts";
import { parseCredential, verifyPolicySignature } from "./sigv4.ts";

/** S3's largest single POST/PUT upload. */
export const MAX_OBJECT_SIZE = 5 * 1024 ** 3;

/** Form fields a policy need not cover (S3's documented exceptions). */
const uncovered = (name: string) =>
  ["x-amz-signature", "file", "policy"].includes(name) || name.startsWith("x-ignore-");

export interface BodyExpectation {
  key: string;
  minSize: number;
  maxSize: number;
  /** The declared SHA-256 of the bytes, when the form carries `x-amz-checksum-sha256`. */
  sha256?: Buffer;
}

type Condition =
  | { op: "eq" | "starts-with"; name: string; value: string }
  | { op: "content-length-range"; min: number; max: number };

/** Checks everything that comes before the file; `fields` are keyed by lower-cased name, as S3 matches them. */
export function verifyPostFields(
  fields: Map<string, string>,
  bucket: string,
  region: string,
  now: Date,
): BodyExpectation {
  const policyBase64 = fields.get("policy");
  if (policyBase64 === undefined) throw accessDenied(); // anonymous: the bucket is not publicly writable
  const required = (name: string) => {
    const value = fields.get(name);
    if (value === undefined) {
      throw new S3Error(
        "InvalidArgument",
        `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
        {
          ArgumentName: name,
          ArgumentValue: "",
        },
      );
    }
    return value;
  };
  const algorithm = required("x-amz-algorithm");
  if (algorithm !== "AWS4-HMAC-SHA256") {
    throw new S3Error("InvalidArgument", "Unsupported algorithm: only AWS4-HMAC-SHA256 is supported.", {
      ArgumentName: "x-amz-algorithm",
      ArgumentValue: algorithm,
    });
  }
  const scope = parseCredential(required("x-amz-credential"), required("x-amz-date"), region);
  verifyPolicySignature(policyBase64, required("x-amz-signature"), scope);

  const policy = decodePolicy(policyBase64);
  if (Date.parse(policy.expiration) <= now.getTime()) throw policyRefusal("Policy expired.");

  const fieldValue = (name: string) => (name === "bucket" ? bucket : fields.get(name));
  const covered = new Set<string>();
  let minSize = 0;
  let maxSize = MAX_OBJECT_SIZE;
  for (const condition of policy.conditions) {
    if (condition.op === "content-length-range") {
      minSize = Math.max(minSize, condition.min);
      maxSize = Math.min(maxSize, condition.max);
      continue;
    }
    covered.add(condition.name);
    const value = fieldValue(condition.name);
    if (value === undefined || !matches(condition.op, condition.name, value, condition.value)) {
      throw policyRefusal(`Policy Condition failed: ["${condition.op}", "$${condition.name}", "${condition.value}"]`);
    }
  }
  const extra = [...fields.keys()].filter((name) => !uncovered(name) && !covered.has(name));
  if (extra.length > 0) throw policyRefusal(`Extra input fields: ${extra.join(", ")}`);

  const key = required("key");
  if (key.length === 0)
    throw new S3Error("InvalidArgument", "User key must have a length greater than 0.", {
      ArgumentName: "key",
      ArgumentValue: "",
    });
  return { key, minSize, maxSize, ...declaredSha256(fields) };
}

/** Checks the received file against the expectation; throws S3's error for the first mismatch. */
export function verifyBody(expectation: BodyExpectation, size: number, sha256: Buffer): void {
  const tooLarge = sizeRefusal(expectation, size);
  if (tooLarge) throw tooLarge;
  if (size < expectation.minSize) {
    throw new S3Error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size", {
      ProposedSize: String(size),
      MinSizeAllowed: String(expectation.minSize),
    });
  }
  if (expectation.sha256 && !expectation.sha256.equals(sha256)) {
    throw new S3Error("BadDigest", "The SHA256 you specified did not match the calculated checksum.");
  }
}

/** The refusal for a file that has already grown past the allowed size, so streaming can stop early. */
export function sizeRefusal(expectation: BodyExpectation, size: number): S3Error | undefined {
  if (size <= expectation.maxSize) return undefined;
  return new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", {
    ProposedSize: String(size),
    MaxSizeAllowed: String(expectation.maxSize),
  });
}

function matches(op: "eq" | "starts-with", name: string, actual: string, expected: string): boolean {
  if (op === "eq") return actual === expected;
  // S3 applies a Content-Type prefix to each value of a comma-separated list.
  if (name === "content-type") return actual.split(",").every((part) => part.trim().startsWith(expected));
  return actual.startsWith(expected);
}

function declaredSha256(fields: Map<string, string>): { sha256?: Buffer } {
  const algorithm = fields.get("x-amz-checksum-algorithm");
  const value = fields.get("x-amz-checksum-sha256");
  if (algorithm !== undefined && algorithm.toUpperCase() !== "SHA256" && value !== undefined) {
    throw new S3Error("InvalidRequest", "Value for x-amz-checksum-algorithm does not match the checksum supplied.");
  }
  if (value === undefined) return {};
  const digest = /^[A-Za-z0-9+/]{43}=$/.test(value) ? Buffer.from(value, "base64") : Buffer.alloc(0);
  if (digest.length !== 32) throw new S3Error("InvalidRequest", "Value for x-amz-checksum-sha256 header is invalid.");
  return { sha256: digest };
}

function decodePolicy(policyBase64: string): { expiration: string; conditions: Condition[] } {
  const invalid = (reason: string) => new S3Error("InvalidPolicyDocument", `Invalid Policy: ${reason}`);
  let document: unknown;
  try {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(policyBase64)) throw new Error("not base64");
    document = JSON.parse(Buffer.from(policyBase64, "base64").toString("utf8"));
  } catch {
    throw invalid("Invalid JSON.");
  }
  const { expiration, conditions } = (document ?? {}) as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== "string") throw invalid("Policy missing expiration.");
  if (Number.isNaN(Date.parse(expiration))) throw invalid(`Invalid 'expiration' value: '${expiration}'`);
  if (!Array.isArray(conditions)) throw invalid("Policy missing conditions.");
  return { expiration, conditions: conditions.map((condition) => parseCondition(condition, invalid)) };
}

function parseCondition(raw: unknown, invalid: (reason: string) => S3Error): Condition {
  const fieldName = (value: unknown) =>
    typeof value === "string" && value.startsWith("$") ? value.slice(1).toLowerCase() : undefined;
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    const entries = Object.entries(raw);
    const [name, value] = entries[0] ?? [];
    if (entries.length === 1 && typeof name === "string" && typeof value === "string")
      return { op: "eq", name: name.toLowerCase(), value };
  } else if (Array.isArray(raw) && raw.length === 3) {
    const op = typeof raw[0] === "string" ? raw[0].toLowerCase() : undefined;
    if (op === "content-length-range") {
      const [min, max] = [Number(raw[1]), Number(raw[2])];
      if (Number.isSafeInteger(min) && Number.isSafeInteger(max) && min >= 0 && max >= min) return { op, min, max };
    } else if ((op === "eq" || op === "starts-with") && fieldName(raw[1]) && typeof raw[2] === "string") {
      return { op, name: fieldName(raw[1])!, value: raw[2] };
    }
  }
  throw invalid(`Invalid Condition: ${JSON.stringify(raw)}`);
}

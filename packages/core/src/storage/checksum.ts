/**
 * S3 answers a HEAD with ChecksumMode ENABLED with the object's stored SHA-256 checksum (base64).
 * Only a full-object checksum is the sha256 of the bytes; a multipart upload's composite checksum
 * (a hash of the parts' hashes, written `<base64>-<parts>`) is not, and must not be compared.
 */
export interface HeadChecksum {
  ChecksumSHA256?: string | undefined;
  ChecksumType?: string | undefined;
}

/** Hex SHA-256 of the whole object, or undefined when S3 holds none for it. */
export function fullObjectSha256(out: HeadChecksum): string | undefined {
  if (!out.ChecksumSHA256 || out.ChecksumType === "COMPOSITE" || out.ChecksumSHA256.includes("-")) return undefined;
  return Buffer.from(out.ChecksumSHA256, "base64").toString("hex");
}

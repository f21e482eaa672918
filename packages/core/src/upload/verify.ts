/**
 * Whether a stored object holds what its upload declared: the headers it will be served with, its
 * size, then its bytes' sha256 (S3's own full-object checksum when it has one, else read back).
 */
import * as Storage from "../storage/storage.ts";
import type { Item } from "./schema.ts";
import type { Step } from "./settle.ts";

/** "missing": the object went while being read; a mismatch says what differs. */
export type Verdict = "verified" | "missing" | { mismatch: string };

export async function verify(upload: Item, object: Storage.StoredObject, step: Step): Promise<Verdict> {
  const headers = storedHeadersProblem(upload, object);
  if (headers) return { mismatch: headers };
  if (object.size !== upload.size) {
    return { mismatch: `Stored size ${object.size} bytes differs from the declared ${upload.size} bytes.` };
  }
  const sha256 = object.checksumSha256 ?? (await Storage.sha256Of(object.key));
  if (sha256 === undefined) return "missing";
  await step("verified");
  if (sha256 !== upload.sha256) {
    return { mismatch: `Stored bytes have sha256 ${sha256}, not the declared ${upload.sha256}.` };
  }
  return "verified";
}

/**
 * Defence in depth: S3 enforces the policy's exact Content-Type and Content-Disposition, but if an
 * object carries others (a policy that was not ours, a stand-in that let it through), it is not
 * served with headers the admin did not declare.
 */
function storedHeadersProblem(upload: Item, object: Storage.StoredObject): string | undefined {
  if (object.contentType !== upload.contentType) {
    return `Stored Content-Type ${JSON.stringify(object.contentType ?? null)} differs from the declared ${JSON.stringify(upload.contentType)}.`;
  }
  const disposition = Storage.attachment(upload.filename);
  if (object.contentDisposition !== disposition) {
    return `Stored Content-Disposition ${JSON.stringify(object.contentDisposition ?? null)} differs from the declared ${JSON.stringify(disposition)}.`;
  }
  return undefined;
}

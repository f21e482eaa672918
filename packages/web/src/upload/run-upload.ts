/**
 * One browser upload, as the CLI does it: hash (worker), declare (POST /uploads), send the bytes
 * straight to S3, then wait for the ObjectCreated handler's verdict (GET /uploads/{id}).
 */
import type { ApiClient } from "../api/client.ts";
import type { Upload } from "../api/types.ts";
import { hashFile } from "./hash.ts";
import { RateMeter } from "./rate.ts";
import { postToS3 } from "./s3-post.ts";

export const MAX_FILE_BYTES = 5 * 1024 ** 3;
const VERDICT_TIMEOUT_MS = 10 * 60_000;

export type UploadProgress =
  | { phase: "hashing"; done: number; total: number }
  | { phase: "declaring" }
  | { phase: "sending"; sent: number; total: number; rate: number; eta: number }
  | { phase: "verifying"; uploadId: string; total: number };

/** Browsers give "" or a MIME type; anything the API would refuse is left out (it defaults). */
function contentTypeOf(file: File): string | undefined {
  return /^[a-zA-Z0-9!#$&^_.+-]+\/[a-zA-Z0-9!#$&^_.+-]+$/.test(file.type) ? file.type : undefined;
}

export function checkFile(file: File): string | undefined {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_FILE_BYTES) return `${file.name} is larger than 5 GiB, the most one upload can take.`;
  return undefined;
}

export async function runUpload(
  api: ApiClient,
  machineId: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal,
): Promise<Upload> {
  const problem = checkFile(file);
  if (problem) throw new Error(problem);

  onProgress({ phase: "hashing", done: 0, total: file.size });
  const sha256 = await hashFile(file, (done) => onProgress({ phase: "hashing", done, total: file.size }), signal);

  onProgress({ phase: "declaring" });
  const contentType = contentTypeOf(file);
  const intent = await api.declare({
    machineId,
    filename: file.name,
    size: file.size,
    sha256,
    ...(contentType ? { contentType } : {}),
  });

  const meter = new RateMeter();
  meter.add(performance.now(), 0);
  onProgress({ phase: "sending", sent: 0, total: file.size, rate: 0, eta: Number.POSITIVE_INFINITY });
  await postToS3(
    intent,
    file,
    (sent) => {
      meter.add(performance.now(), sent);
      onProgress({ phase: "sending", sent, total: file.size, rate: meter.rate(), eta: meter.eta(file.size) });
    },
    signal,
  );

  // S3 has the bytes: from here on there is nothing left to cancel, only a verdict to wait for.
  onProgress({ phase: "verifying", uploadId: intent.uploadId, total: file.size });
  return waitForVerdict(api, intent.uploadId);
}

async function waitForVerdict(api: ApiClient, uploadId: string): Promise<Upload> {
  const deadline = Date.now() + VERDICT_TIMEOUT_MS;
  let delay = 200;
  for (;;) {
    const upload = await api.getUpload(uploadId);
    if (upload.status !== "pending") return upload;
    if (Date.now() > deadline) throw new Error(`Upload ${uploadId} is still pending after 10 minutes.`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 1.5, 2000);
  }
}

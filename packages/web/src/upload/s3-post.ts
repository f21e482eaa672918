/**
 * The browser's presigned POST to S3: every field of the intent, then the file last, with
 * XMLHttpRequest because fetch reports no upload progress. S3 answers 204; its errors are XML.
 */
import type { Intent } from "../api/types.ts";
import { CancelledError } from "./hash.ts";

export class S3PostError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "S3PostError";
  }
}

/** Reads S3's `<Error><Code>…</Code><Message>…</Message></Error>`. */
export function parseS3Error(status: number, body: string): S3PostError {
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
  const code = field("Code") ?? "http_error";
  return new S3PostError(
    status,
    code,
    `S3 refused the upload (${status} ${code}${field("Message") ? `: ${field("Message")}` : ""}).`,
  );
}

export function postToS3(
  intent: Intent,
  file: File,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const form = new FormData();
    for (const [name, value] of Object.entries(intent.fields)) form.append(name, value);
    form.append("file", file);

    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort);
    const done = () => signal.removeEventListener("abort", abort);
    // The request body is the file plus a little multipart framing: report file bytes.
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress(Math.min(file.size, (event.loaded / event.total) * file.size));
    };
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size);
        resolve();
      } else reject(parseS3Error(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => {
      done();
      reject(
        new S3PostError(
          0,
          "network_error",
          "The upload to S3 failed: the connection broke or the bucket does not allow this origin (CORS).",
        ),
      );
    };
    xhr.onabort = () => {
      done();
      reject(new CancelledError());
    };
    xhr.open("POST", intent.url);
    xhr.send(form);
  });
}

/**
 * A browser-based (POST) upload, checked as S3 checks it, in bounded memory: busboy parses the
 * multipart body as it streams; the fields before the file are verified against the signed policy
 * before a byte of the file is kept; the file is hashed and counted while it is spooled to a temp
 * file; only bytes that pass every check are handed to the stand-in, so nothing refused is ever
 * stored there or announced. Spooling costs one extra copy on disk, but it is what makes a refused
 * POST leave the previous object untouched, as S3 (which never stores partial objects) does.
 */
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { sizeRefusal, verifyBody, verifyPostFields } from "./post-policy.ts";
import { S3Error, sendS3Error } from "./s3-error.ts";

/** S3's limit on the form fields and boundaries before the file. */
const MAX_PRE_DATA_BYTES = 20 * 1024;

export interface SpooledFile {
  path: string;
  size: number;
  filename: string;
  contentType: string;
}

export interface FormPostOptions {
  region: string;
  spoolDir: string;
  /** Hands a verified upload to the stand-in and answers the client with its response. */
  store(req: IncomingMessage, res: ServerResponse, fields: Map<string, string>, file: SpooledFile): Promise<void>;
  /** Called with anything that went wrong other than a refusal S3 would give. */
  onFailure(error: unknown): void;
}

const tooMuchPreData = () =>
  new S3Error(
    "MaxPostPreDataLengthExceededError",
    "Your POST request fields preceeding the upload file was too large.",
  );
const malformed = () =>
  new S3Error("MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");

export function handleFormPost(
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  options: FormPostOptions,
): void {
  const fields = new Map<string, string>();
  const spoolPath = join(options.spoolDir, randomUUID());
  let preDataBytes = 0;
  let fileSeen = false;
  let answered = false;

  const refuse = (error: unknown) => {
    if (answered) return;
    answered = true;
    req.unpipe();
    req.resume(); // read and drop the rest, so the client gets the answer and not a reset
    if (error instanceof S3Error) return sendS3Error(res, error);
    options.onFailure(error);
    sendS3Error(res, new S3Error("InternalError", "We encountered an internal error. Please try again."));
  };

  const countPreData = (bytes: number) => {
    preDataBytes += bytes;
    if (preDataBytes > MAX_PRE_DATA_BYTES) throw tooMuchPreData();
  };

  const spool = async (file: Readable, filename: string, contentType: string): Promise<SpooledFile> => {
    const expectation = verifyPostFields(fields, bucket, options.region, new Date());
    const hash = createHash("sha256");
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        // Keep nothing more once the file is too large: the refusal is certain.
        const refusal = sizeRefusal(expectation, size);
        if (refusal) return callback(refusal);
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(file, measure, createWriteStream(spoolPath, { flags: "wx" }));
    verifyBody(expectation, size, hash.digest());
    return { path: spoolPath, size, filename, contentType };
  };

  const receive = async (file: Readable, filename: string, contentType: string) => {
    fileSeen = true;
    try {
      const spooled = await spool(file, filename, contentType);
      if (answered) return;
      answered = true;
      await options.store(req, res, fields, spooled).catch((error: unknown) => {
        options.onFailure(error);
        sendS3Error(res, new S3Error("InternalError", "We encountered an internal error. Please try again."));
      });
    } catch (error) {
      refuse(error);
    } finally {
      await rm(spoolPath, { force: true });
    }
  };

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      fileHwm: 1024 * 1024,
      limits: { fieldSize: MAX_PRE_DATA_BYTES, parts: 1000 },
    });
  } catch {
    refuse(malformed());
    return;
  }
  parser.on("field", (name, value, info) => {
    if (fileSeen || answered) return; // S3 ignores everything after the file
    try {
      if (info.valueTruncated) throw tooMuchPreData();
      // A file part without a filename arrives as a field (busboy's rule); it is small then.
      if (name === "file") return void receive(Readable.from([Buffer.from(value)]), "file", info.mimeType);
      countPreData(name.length + Buffer.byteLength(value));
      fields.set(name.toLowerCase(), value);
    } catch (error) {
      refuse(error);
    }
  });
  parser.on("file", (name, stream, info) => {
    if (fileSeen || answered) return void stream.resume();
    if (name === "file") return void receive(stream, info.filename ?? "file", info.mimeType);
    // Any other part with a filename is just another field, and counts towards the same limit.
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => {
      try {
        countPreData(chunk.length);
        chunks.push(chunk);
      } catch (error) {
        refuse(error);
      }
    });
    stream.on("end", () => {
      if (!answered) fields.set(name.toLowerCase(), Buffer.concat(chunks).toString("utf8"));
    });
  });
  parser.on("close", () => {
    if (!fileSeen) {
      refuse(
        new S3Error("InvalidArgument", "POST requires exactly one file upload per request.", {
          ArgumentName: "file",
          ArgumentValue: "0",
        }),
      );
    }
  });
  parser.on("error", () => refuse(malformed()));
  req.on("error", () => refuse(new S3Error("IncompleteBody", "The request body terminated unexpectedly")));
  req.pipe(parser);
}

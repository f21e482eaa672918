/**
 * One error model for the whole system. A VisibleError's code, message and HTTP status are safe to
 * show to callers; anything else is an internal failure and is reported without details. Each
 * error carries its own status, so a new code cannot fall through to a wrong one; the HTTP layer
 * turns them into responses in one place (packages/functions/src/api/errors.ts).
 */
export type VisibleStatus = 400 | 401 | 404 | 409 | 413;

export abstract class VisibleError extends Error {
  readonly code: string;
  abstract readonly status: VisibleStatus;

  constructor(code: string, message: string) {
    super(message);
    this.name = "VisibleError";
    this.code = code;
  }
}

export class InvalidRequestError extends VisibleError {
  readonly status = 400;

  constructor(message: string) {
    super("invalid_request", message);
  }
}

export class UnauthorizedError extends VisibleError {
  readonly status = 401;

  constructor(message = "Missing or invalid bearer token.") {
    super("unauthorized", message);
  }
}

export class MachineExistsError extends VisibleError {
  readonly status = 409;

  constructor(machineId: string) {
    super("machine_exists", `Machine "${machineId}" is already registered.`);
  }
}

export class MachineNotFoundError extends VisibleError {
  readonly status = 404;

  constructor(machineId: string) {
    super("machine_not_found", `Machine "${machineId}" is not registered.`);
  }
}

export class UploadNotFoundError extends VisibleError {
  readonly status = 404;

  constructor(uploadId: string) {
    super("upload_not_found", `Upload "${uploadId}" does not exist.`);
  }
}

export class FileTooLargeError extends VisibleError {
  readonly status = 413;

  constructor(size: number, maxSize: number) {
    super("file_too_large", `The file is ${size} bytes; the largest accepted file is ${maxSize} bytes.`);
  }
}

export class NoFileError extends VisibleError {
  readonly status = 404;

  constructor(machineId: string) {
    super("no_file", `Machine "${machineId}" has no active file yet.`);
  }
}

export class RouteNotFoundError extends VisibleError {
  readonly status = 404;

  constructor() {
    super("not_found", "No such route.");
  }
}

export class UnknownUploadError extends VisibleError {
  readonly status = 409;

  constructor(uploadId: string) {
    super("unknown_upload", `Upload "${uploadId}" is not one of this machine's uploads.`);
  }
}

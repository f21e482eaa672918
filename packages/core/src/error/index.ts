/**
 * One error model for the whole system. A VisibleError's code and message are safe to show to
 * callers; anything else is an internal failure and is reported without details. The HTTP layer
 * maps codes to statuses in one place (packages/functions/src/api/errors.ts).
 */
export class VisibleError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "VisibleError";
    this.code = code;
  }
}

export class InvalidRequestError extends VisibleError {
  constructor(message: string) {
    super("invalid_request", message);
  }
}

export class UnauthorizedError extends VisibleError {
  constructor(message = "Missing or invalid bearer token.") {
    super("unauthorized", message);
  }
}

export class MachineExistsError extends VisibleError {
  constructor(machineId: string) {
    super("machine_exists", `Machine "${machineId}" is already registered.`);
  }
}

export class MachineNotFoundError extends VisibleError {
  constructor(machineId: string) {
    super("machine_not_found", `Machine "${machineId}" is not registered.`);
  }
}

export class UploadNotFoundError extends VisibleError {
  constructor(uploadId: string) {
    super("upload_not_found", `Upload "${uploadId}" does not exist.`);
  }
}

export class FileTooLargeError extends VisibleError {
  constructor(size: number, maxSize: number) {
    super("file_too_large", `The file is ${size} bytes; the largest accepted file is ${maxSize} bytes.`);
  }
}

export class NoFileError extends VisibleError {
  constructor(machineId: string) {
    super("no_file", `Machine "${machineId}" has no active file yet.`);
  }
}

export class RouteNotFoundError extends VisibleError {
  constructor() {
    super("not_found", "No such route.");
  }
}

import { expect, test } from "vitest";
import * as Errors from "./errors.ts";

test("every visible error carries the contract's status for its code", () => {
  const errors = [
    new Errors.InvalidRequestError("bad"),
    new Errors.UnauthorizedError(),
    new Errors.RouteNotFoundError(),
    new Errors.MachineNotFoundError("m"),
    new Errors.UploadNotFoundError("u"),
    new Errors.NoFileError("m"),
    new Errors.MachineExistsError("m"),
    new Errors.FileTooLargeError(2, 1),
    new Errors.InvalidCursorError(),
    new Errors.PayloadTooLargeError(1),
    new Errors.UnknownUploadError("u"),
  ];
  expect(Object.fromEntries(errors.map((error) => [error.code, error.status]))).toEqual({
    invalid_request: 400,
    unauthorized: 401,
    not_found: 404,
    machine_not_found: 404,
    upload_not_found: 404,
    no_file: 404,
    machine_exists: 409,
    file_too_large: 413,
    invalid_cursor: 400,
    payload_too_large: 413,
    unknown_upload: 409,
  });
  const classes = Object.values(Errors).filter((value) => typeof value === "function" && value !== Errors.VisibleError);
  expect(classes).toHaveLength(errors.length);
});

test("each error's message says what went wrong, naming the thing", () => {
  expect(new Errors.InvalidRequestError("Bad cursor.").message).toBe("Bad cursor.");
  expect(new Errors.UnauthorizedError().message).toBe("Missing or invalid bearer token.");
  expect(new Errors.RouteNotFoundError().message).toBe("No such route.");
  expect(new Errors.MachineNotFoundError("m-1").message).toBe('Machine "m-1" is not registered.');
  expect(new Errors.UploadNotFoundError("u-1").message).toBe('Upload "u-1" does not exist.');
  expect(new Errors.NoFileError("m-1").message).toBe('Machine "m-1" has no active file yet.');
  expect(new Errors.MachineExistsError("m-1").message).toBe('Machine "m-1" is already registered.');
  expect(new Errors.FileTooLargeError(2, 1).message).toBe("The file is 2 bytes; the largest accepted file is 1 bytes.");
  expect(new Errors.InvalidCursorError().message).toBe("The cursor is not one this API returned.");
  expect(new Errors.PayloadTooLargeError(1024).message).toBe("The request body is larger than 1024 bytes.");
  expect(new Errors.UnknownUploadError("u-1").message).toBe('Upload "u-1" is not one of this machine\'s uploads.');
  const error = new Errors.MachineExistsError("m-1");
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe("VisibleError");
});

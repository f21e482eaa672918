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
    unknown_upload: 409,
  });
  const classes = Object.values(Errors).filter((value) => typeof value === "function" && value !== Errors.VisibleError);
  expect(classes).toHaveLength(errors.length);
});

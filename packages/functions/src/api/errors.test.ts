import { MachineExistsError, NoFileError } from "@fleetdrop/core/error";
import { Hono } from "hono";
import { expect, test } from "vitest";
import { onError } from "./errors.ts";

function appThrowing(error: Error) {
  return new Hono()
    .get("/", () => {
      throw error;
    })
    .onError(onError);
}

test("visible errors keep their code and message, with the contract's status", async () => {
  const res = await appThrowing(new MachineExistsError("m1")).request("/");
  expect(res.status).toBe(409);
  expect(await res.json()).toEqual({
    error: { code: "machine_exists", message: 'Machine "m1" is already registered.' },
  });
  expect((await appThrowing(new NoFileError("m1")).request("/")).status).toBe(404);
});

test("internal errors are a 500 that shows nothing of the cause", async () => {
  const res = await appThrowing(new Error("connect ECONNREFUSED 10.0.0.1:443 secret-table")).request("/");
  expect(res.status).toBe(500);
  const body = await res.text();
  expect(JSON.parse(body).error.code).toBe("internal_error");
  expect(body).not.toMatch(/ECONNREFUSED|secret-table/);
});

import * as Machine from "@fleetdrop/core/modules/machine/machine";
import * as Report from "@fleetdrop/core/modules/report/report";
import { Hono } from "hono/tiny";
import { machineToken } from "./machine-token.ts";
import { validateJson } from "./validate.ts";

/** POST /reports: a machine, with its own token (as for /download), reports on one of its uploads. */
export const reports = new Hono().post("/", validateJson(Machine.Report), async (c) => {
  await Report.submit(c.req.valid("json"), machineToken(c));
  return c.body(null, 204);
});

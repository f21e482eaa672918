import * as Download from "@fleetdrop/core/modules/download/download";
import * as Machine from "@fleetdrop/core/modules/machine/machine";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { machineToken } from "./machine-token.ts";
import { sourceIp } from "./source-ip.ts";
import { validate } from "./validate.ts";

const Query = z.object({ machine_id: Machine.MachineId });

// Hono answers HEAD with this GET route (and drops the body); a HEAD is answered alike but counts nothing.
export const download = new Hono().get("/", validate("query", Query), async (c) => {
  const answer = await Download.request({
    machineId: c.req.valid("query").machine_id,
    token: machineToken(c),
    ifNoneMatch: c.req.header("If-None-Match"),
    sourceIp: sourceIp(c),
    userAgent: c.req.header("User-Agent"),
    inspectOnly: c.req.method === "HEAD",
  });
  c.header("ETag", `"${answer.sha256}"`);
  c.header("X-Content-SHA256", answer.sha256);
  c.header("X-Fleetdrop-Upload-Id", answer.uploadId);
  c.header("Cache-Control", "no-store");
  if (answer.kind === "not-modified") return c.body(null, 304);
  return c.redirect(answer.url, 302);
});

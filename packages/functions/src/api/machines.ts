import * as Fleet from "@fleetdrop/core/modules/fleet/fleet";
import * as Machine from "@fleetdrop/core/modules/machine/machine";
import * as Upload from "@fleetdrop/core/modules/upload/upload";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { requireAdmin } from "./auth.ts";
import { validate, validateJson } from "./validate.ts";

const HISTORY_LIMIT = 50;
const ById = z.object({ id: Machine.MachineId });
// An empty parameter (`?limit=&cursor=`) means the same as an absent one.
const blankAsAbsent = <Schema extends z.core.$ZodType>(schema: Schema) =>
  z.pipe(
    z.transform((value: unknown) => (value === "" ? undefined : value)),
    schema,
  );
const Page = z.object({
  limit: blankAsAbsent(z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50)),
  cursor: blankAsAbsent(z.optional(z.string().check(z.maxLength(2048)))),
});
const ListQuery = z.extend(Page, {
  state: blankAsAbsent(z.optional(Machine.DeliveryState)),
  stale: blankAsAbsent(z.optional(z.enum(["true", "false"]))),
  q: blankAsAbsent(z.optional(z.string().check(z.maxLength(64)))),
});

export const machines = new Hono()
  .use(requireAdmin)
  .post("/", validateJson(Machine.Registration), async (c) => {
    return c.json(await Machine.register(c.req.valid("json")), 201);
  })
  .get("/", validate("query", ListQuery), async (c) => {
    const { stale, ...query } = c.req.valid("query");
    return c.json(await Machine.list({ ...query, stale: stale === undefined ? undefined : stale === "true" }));
  })
  .get("/:id", validate("param", ById), async (c) => {
    const { id } = c.req.valid("param");
    const machine = await Machine.get(id);
    const uploads = await Upload.listForMachine(machine, HISTORY_LIMIT);
    return c.json({ ...Machine.toInfo(machine), uploads: uploads.map(Upload.toUpload) });
  })
  .get("/:id/downloads", validate("param", ById), validate("query", Page), async (c) => {
    const { id } = c.req.valid("param");
    const machine = await Machine.get(id);
    return c.json(await Machine.listDownloads(machine, c.req.valid("query")));
  })
  .post("/:id/token", validate("param", ById), async (c) => {
    return c.json(await Machine.rotateToken(c.req.valid("param").id));
  })
  .delete("/:id", validate("param", ById), async (c) => {
    await Fleet.removeMachine(c.req.valid("param").id);
    return c.body(null, 204);
  });

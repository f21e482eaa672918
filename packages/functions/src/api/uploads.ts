import * as Upload from "@fleetdrop/core/modules/upload/upload";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { requireAdmin } from "./auth.ts";
import { validate, validateJson } from "./validate.ts";

const ById = z.object({ id: Upload.UploadId });

export const uploads = new Hono()
  .use(requireAdmin)
  .post("/", validateJson(Upload.Declaration), async (c) => {
    return c.json(await Upload.declare(c.req.valid("json")), 201);
  })
  .get("/:id", validate("param", ById), async (c) => {
    return c.json(Upload.toUpload(await Upload.get(c.req.valid("param").id)));
  });

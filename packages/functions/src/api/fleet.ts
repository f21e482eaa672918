import * as Fleet from "@fleetdrop/core/modules/fleet/fleet";
import { Hono } from "hono/tiny";
import { requireAdmin } from "./auth.ts";

/** GET /fleet: counts by delivery state, stale machines, recent rejections and the newest change. */
export const fleet = new Hono().use(requireAdmin).get("/", async (c) => c.json(await Fleet.summary()));

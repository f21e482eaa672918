/**
 * Machine routes (`GET /download`, `POST /reports`): the token a machine presents, in
 * `Authorization: Bearer` or `X-Fleetdrop-Token` (CONTRACT §9). Undefined means the same 401 as a
 * wrong token; core's authentication decides.
 */

import * as Token from "@fleetdrop/core/modules/token/token";
import type { Context } from "hono";

export function machineToken(c: Context): string | undefined {
  return Token.fromMachineHeaders({
    authorization: c.req.header("Authorization"),
    fleetdropToken: c.req.header("X-Fleetdrop-Token"),
  });
}

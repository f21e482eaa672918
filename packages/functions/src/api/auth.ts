/** Admin routes: `Authorization: Bearer <admin token>`, compared in constant time. */

import { Config } from "@fleetdrop/core/config";
import { UnauthorizedError } from "@fleetdrop/core/error";
import * as Token from "@fleetdrop/core/modules/token/token";
import { createMiddleware } from "hono/factory";

// Read (and hashed) at cold start, so an API deployed without the AdminToken link fails at once,
// naming it, and requests only hash what they present.
const adminTokenHash = Token.hash(Config.adminToken);

export const requireAdmin = createMiddleware(async (c, next) => {
  const presented = Token.fromAuthorizationHeader(c.req.header("Authorization"));
  if (!presented || !Token.matchesHash(presented, adminTokenHash)) throw new UnauthorizedError();
  await next();
});

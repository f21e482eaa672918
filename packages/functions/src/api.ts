/** Lambda entry: the HTTP API on a Function URL (payload format 2.0). */
import { handle } from "hono/aws-lambda";
import { app } from "./api/app.ts";
import { invocation } from "./lambda/invocation.ts";

export const handler = invocation(handle(app));

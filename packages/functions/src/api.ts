/** Lambda entry: the HTTP API behind API Gateway (payload format 2.0). */
import { handle } from "hono/aws-lambda";
import { app } from "./api/app.ts";

export const handler = handle(app);

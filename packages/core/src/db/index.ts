export * as Db from "./db.ts";

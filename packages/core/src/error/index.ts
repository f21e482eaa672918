export * from "./errors.ts";
export * as Issues from "./issues.ts";

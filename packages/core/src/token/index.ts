export * as Token from "./token.ts";

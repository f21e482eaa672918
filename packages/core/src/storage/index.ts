export * as Storage from "./storage.ts";

export * as ObjectKey from "./object-key.ts";

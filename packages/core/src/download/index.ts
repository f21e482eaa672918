export * as Download from "./download.ts";

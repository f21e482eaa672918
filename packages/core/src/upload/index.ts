export * as Upload from "./upload.ts";

export * as Report from "./report.ts";

export * as Storage from "./storage.ts";
export * as ObjectKey from "./object-key.ts";
export * as ContentDisposition from "./content-disposition.ts";

export * as Ulid from "./ulid.ts";

export * as Outbox from "./outbox.ts";

export * as Machine from "./machine.ts";

export * as Fleet from "./fleet.ts";

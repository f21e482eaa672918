export * as Sweeper from "./sweeper.ts";

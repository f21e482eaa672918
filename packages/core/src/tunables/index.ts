export { Tunables, tunableNames } from "./tunables.ts";

export { type IndexName, keys, tableDefinition } from "./table.ts";

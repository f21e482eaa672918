export { createTableInput, type IndexName, keys, tableDefinition } from "./table.ts";

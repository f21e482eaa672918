/**
 * The table's shape, with no I/O, shared by the local stack (CreateTable) and mirrored in
 * sst.config.ts. One item per machine and one per upload, two sparse global indexes:
 *   gsi1: the machine list (gsi1pk "machines") and each machine's uploads (gsi1pk "machine#<id>#uploads")
 *   gsi2: pending uploads (gsi2pk "pending"), for the sweeper; removed when an upload leaves pending
 */
export const tableDefinition = {
  attributes: ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"],
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
    gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
  },
} as const;

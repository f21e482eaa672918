/**
 * The table's shape and item keys, with no I/O: the code (../db), the local stack (CreateTable) and
 * infra/storage.ts (the deployed table) all read it from here. One item per machine and one per
 * upload, two sparse global indexes:
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

export type IndexName = keyof typeof tableDefinition.globalIndexes;

/** Primary keys of the items, and the hash keys they are listed under in the global indexes. */
export const keys = {
  machine: (machineId: string) => ({ pk: `machine#${machineId}`, sk: "machine" }),
  upload: (uploadId: string) => ({ pk: `upload#${uploadId}`, sk: "upload" }),
  /** gsi1: every machine. */
  machinesIndex: "machines",
  /** gsi1: one machine's uploads. */
  uploadsOfMachineIndex: (machineId: string) => `machine#${machineId}#uploads`,
  /** gsi2: uploads still pending. */
  pendingIndex: "pending",
};

/**
 * The table's shape and item keys, with no I/O: the code (../db), the local stack (CreateTable) and
 * infra/storage.ts (the deployed table) all read it from here. One item per machine and one per
 * upload, two sparse global indexes:
 *   gsi1: the machine list (gsi1pk "machines") and each machine's uploads
 *         (gsi1pk "machine#<id>#<incarnation>#uploads": a re-registered id starts with an empty history)
 *   gsi2: pending uploads (gsi2pk "pending"), for the sweeper; removed when an upload leaves pending;
 *         and machine removals not yet finished (gsi2pk "removals"), also for the sweeper
 * A third item kind, the removal marker, exists only while a machine's removal is under way.
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
  removal: (machineId: string, incarnation: string) => ({ pk: `removal#${machineId}#${incarnation}`, sk: "removal" }),
  /** gsi1: every machine. */
  machinesIndex: "machines",
  /** gsi1: the uploads of one registration (incarnation) of a machine id. */
  uploadsOfMachineIndex: (machineId: string, incarnation: string) => `machine#${machineId}#${incarnation}#uploads`,
  /** gsi2: uploads still pending. */
  pendingIndex: "pending",
  /** gsi2: machine removals under way. */
  removalsIndex: "removals",
};

/**
 * The table's shape and item keys, with no I/O: the code (../db), the local stack (CreateTable) and
 * infra/storage.ts (the deployed table) all read it from here. Items:
 *   machine  `machine#<id>` / `machine`
 *   upload   `upload#<uploadId>` / `upload`
 *   download `downloads#<machineId>` / `<at>#<uploadId>#<random>`: the download log, queried on the
 *            primary key newest first, deleted by DynamoDB after 90 days (the `ttl` attribute)
 *   outbox   `outbox#<eventId>` / `outbox`: a webhook to send (../outbox), kept a while after it is sent
 * Two sparse global indexes:
 *   gsi1: the machine list (gsi1pk "machines") and each machine's uploads (gsi1pk "machine#<id>#uploads")
 *   gsi2: pending uploads (gsi2pk "pending"), for the sweeper, removed when an upload leaves pending;
 *         rejected uploads by rejection time (gsi2pk "rejected"), for GET /fleet's 24-hour count;
 *         webhooks still to send by when they are due (gsi2pk "outbox"), removed once sent
 */
export const tableDefinition = {
  attributes: ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"],
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
    gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
  },
  /** Epoch seconds after which DynamoDB deletes the item (on AWS; the local stand-in ignores it). */
  ttl: "ttl",
} as const;

export type IndexName = keyof typeof tableDefinition.globalIndexes;

/** Primary keys of the items, and the hash keys they are listed under in the global indexes. */
export const keys = {
  machine: (machineId: string) => ({ pk: `machine#${machineId}`, sk: "machine" }),
  upload: (uploadId: string) => ({ pk: `upload#${uploadId}`, sk: "upload" }),
  /** The primary hash key of one machine's download log. */
  downloadsOf: (machineId: string) => `downloads#${machineId}`,
  outbox: (eventId: string) => ({ pk: `outbox#${eventId}`, sk: "outbox" }),
  /** The prefix of every outbox item's pk (the stream filter on AWS). */
  outboxPrefix: "outbox#",
  /** gsi1: every machine. */
  machinesIndex: "machines",
  /** gsi1: one machine's uploads. */
  uploadsOfMachineIndex: (machineId: string) => `machine#${machineId}#uploads`,
  /** gsi2: uploads still pending. */
  pendingIndex: "pending",
  /** gsi2: rejected uploads, sorted by `<rejectedAt>#<uploadId>`. */
  rejectedIndex: "rejected",
  /** gsi2: webhooks not yet sent, sorted by `<nextAttemptAt>#<eventId>`. */
  outboxIndex: "outbox",
};

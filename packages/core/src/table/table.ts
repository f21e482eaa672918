/**
 * The table's shape and item keys, with no I/O: the code (../db), the local stack (CreateTable) and
 * infra/storage.ts (the deployed table) all read it from here. Items:
 *   machine  `machine#<id>` / `machine`
 *   upload   `upload#<uploadId>` / `upload`
 *   download `downloads#<machineId>#<incarnation>` / `<at>#<uploadId>#<random>`: the download log of one
 *            registration, queried on the primary key newest first, deleted by DynamoDB after 90 days
 *            (the `ttl` attribute) and by the machine's removal
 *   outbox   `outbox#<eventId>` / `outbox`: a webhook to send (../outbox), kept a while after it is sent
 *   removal  `removal#<id>#<incarnation>` / `removal`: a marker that exists only while a machine's
 *            removal is under way
 * Two sparse global indexes:
 *   gsi1: the machine list (gsi1pk "machines") and each machine's uploads
 *         (gsi1pk "machine#<id>#<incarnation>#uploads": a re-registered id starts with an empty history)
 *   gsi2: pending uploads (gsi2pk "pending"), for the sweeper, removed when an upload leaves pending;
 *         machine removals not yet finished (gsi2pk "removals"), also for the sweeper;
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

const keySchema = (index: { hashKey: string; rangeKey: string }) => [
  { AttributeName: index.hashKey, KeyType: "HASH" as const },
  { AttributeName: index.rangeKey, KeyType: "RANGE" as const },
];

/**
 * The CreateTable input for a table of this shape (on-demand, every index projecting all), as plain
 * data for `new CreateTableCommand(…)`: the local stack's table and the tests' private tables.
 */
export function createTableInput(tableName: string) {
  const { attributes, primaryIndex, globalIndexes } = tableDefinition;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: attributes.map((attribute) => ({ AttributeName: attribute, AttributeType: "S" as const })),
    KeySchema: keySchema(primaryIndex),
    GlobalSecondaryIndexes: Object.entries(globalIndexes).map(([indexName, index]) => ({
      IndexName: indexName,
      KeySchema: keySchema(index),
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}

/** Primary keys of the items, and the hash keys they are listed under in the global indexes. */
export const keys = {
  machine: (machineId: string) => ({ pk: `machine#${machineId}`, sk: "machine" }),
  upload: (uploadId: string) => ({ pk: `upload#${uploadId}`, sk: "upload" }),
  removal: (machineId: string, incarnation: string) => ({ pk: `removal#${machineId}#${incarnation}`, sk: "removal" }),
  /** The primary hash key of one registration's download log (a re-registered id starts with none). */
  downloadsOf: (machineId: string, incarnation: string) => `downloads#${machineId}#${incarnation}`,
  outbox: (eventId: string) => ({ pk: `outbox#${eventId}`, sk: "outbox" }),
  /** The prefix of every outbox item's pk (the stream filter on AWS). */
  outboxPrefix: "outbox#",
  /** gsi1: every machine. */
  machinesIndex: "machines",
  /** gsi1: the uploads of one registration (incarnation) of a machine id. */
  uploadsOfMachineIndex: (machineId: string, incarnation: string) => `machine#${machineId}#${incarnation}#uploads`,
  /** gsi2: uploads still pending. */
  pendingIndex: "pending",
  /** gsi2: machine removals under way. */
  removalsIndex: "removals",
  /** gsi2: rejected uploads, sorted by `<rejectedAt>#<uploadId>`. */
  rejectedIndex: "rejected",
  /** gsi2: webhooks not yet sent, sorted by `<nextAttemptAt>#<eventId>`. */
  outboxIndex: "outbox",
};

/**
 * machine.stale, once per stale episode. An episode starts from the machine's lastSeenAt (or, never
 * seen, from its registration) and ends when it is seen again; the item remembers the episode it
 * announced (`staleAnnounced`), so a sweep writes nothing for a machine already announced. The event
 * is emitted before that mark: a crash in between emits again next sweep, under the same id.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Config } from "../config/index.ts";
import * as Db from "../db/db.ts";
import * as Machine from "../machine/machine.ts";
import * as Outbox from "../outbox/outbox.ts";
import { keys } from "../table/index.ts";

/** Runs `work` for one item; a failure is logged with `item` and counted, and the caller goes on. */
export type Isolate = (item: Record<string, unknown>, work: () => Promise<void>) => Promise<void>;

export async function announceStale(now: Date, isolated: Isolate): Promise<number> {
  if (!Config.webhookUrl) return 0;
  const cutoff = Machine.staleCutoff(now, Config.staleAfterSeconds);
  let announced = 0;
  // Raw items, parsed one by one inside the isolation: one unreadable machine does not end the pass.
  for await (const raw of Db.queryAll({ index: "gsi1", hashKey: keys.machinesIndex })) {
    // Stryker disable next-line ObjectLiteral,StringLiteral: what the log says of a failed item or pass
    await isolated({ key: raw.pk, pass: "stale" }, async () => {
      const machine = Machine.Item.parse(raw);
      const since = machine.lastSeenAt ?? machine.createdAt;
      const episode = machine.lastSeenAt ?? `never-${machine.createdAt}`;
      if (since >= cutoff || machine.staleAnnounced === episode) return;
      await announce(machine, episode, now);
      announced++;
    });
  }
  return announced;
}

async function announce(machine: Machine.Item, episode: string, now: Date): Promise<void> {
  await Outbox.emit({
    id: `machine.stale#${machine.machineId}#${episode}`,
    event: "machine.stale",
    machineId: machine.machineId,
    ...(machine.file ? { uploadId: machine.file.uploadId } : {}),
    at: now.toISOString(),
    text: machine.lastSeenAt
      ? `${machine.machineId} has not polled since ${machine.lastSeenAt}`
      : `${machine.machineId} has never polled since it was registered at ${machine.createdAt}`,
    lastSeenAt: machine.lastSeenAt ?? null,
    staleAfterSeconds: Config.staleAfterSeconds,
  });
  await Db.conditional(
    new UpdateCommand({
      TableName: Db.tableName,
      Key: keys.machine(machine.machineId),
      UpdateExpression: "SET staleAnnounced = :episode",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":episode": episode },
    }),
  );
}

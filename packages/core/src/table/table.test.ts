import { expect, test } from "vitest";
import { keys, tableDefinition } from "./index.ts";

// The keys are the stored layout of a deployed table: changing one orphans every item written
// under the old one, so they are pinned literally.
test("each kind of item has its own key shape", () => {
  expect(keys.machine("press-1")).toEqual({ pk: "machine#press-1", sk: "machine" });
  expect(keys.upload("01JUP")).toEqual({ pk: "upload#01JUP", sk: "upload" });
  expect(keys.removal("press-1", "01JINC")).toEqual({ pk: "removal#press-1#01JINC", sk: "removal" });
  expect(keys.downloadsOf("press-1", "01JINC")).toBe("downloads#press-1#01JINC");
  expect(keys.outbox("upload.activated#press-1#01JUP")).toEqual({
    pk: "outbox#upload.activated#press-1#01JUP",
    sk: "outbox",
  });
  expect(keys.uploadsOfMachineIndex("press-1", "01JINC")).toBe("machine#press-1#01JINC#uploads");
  expect(tableDefinition.ttl).toBe("ttl");
});

test("the index partitions are distinct, and only outbox items match the outbox stream's prefix", () => {
  const partitions = [keys.machinesIndex, keys.pendingIndex, keys.removalsIndex, keys.rejectedIndex, keys.outboxIndex];
  expect(partitions).toEqual(["machines", "pending", "removals", "rejected", "outbox"]);
  expect(keys.outboxPrefix).toBe("outbox#");
  const otherKeys = [
    keys.machine("outbox"),
    keys.upload("outbox"),
    keys.removal("outbox", "x"),
    { pk: keys.downloadsOf("outbox", "x") },
  ];
  for (const { pk } of otherKeys) expect(pk.startsWith(keys.outboxPrefix), pk).toBe(false);
  expect(keys.outbox("any").pk.startsWith(keys.outboxPrefix)).toBe(true);
});

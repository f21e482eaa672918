/**
 * The reliability suite against the real local stack over HTTP: many concurrent declarations, bad
 * input of every kind with nothing stored, and the foreign-token matrix over 150 machines.
 */
import { randomBytes } from "node:crypto";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { declarationBody, type RunningStack, requestDownload, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";

let stack: RunningStack;
let dynamo: DynamoDBClient;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_FILE_SIZE_BYTES: String(1024 * 1024), LOG_LEVEL: "error" } });
  dynamo = new DynamoDBClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${stack.env.FLEETDROP_DYNAMODB_PORT}`,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await stack.registerMachine("known-1");
});
afterAll(async () => {
  dynamo?.destroy();
  await stack?.stop();
});

/** Every item of the table and every object of the bucket, to show that nothing changed. */
async function everythingStored() {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: "fleetdrop-local", ExclusiveStartKey: start as never }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const sortKey = (item: unknown) => JSON.stringify(item);
  return { items: items.map(sortKey).sort(), objects: await stack.keysUnder("") };
}

test("100 simultaneous declarations for one machine all succeed, and their ids sort before the next one", async () => {
  await stack.registerMachine("burst-1");
  const declare = (i: number) =>
    stack.api("POST", "/uploads", { machineId: "burst-1", filename: `f${i}.bin`, size: 1, sha256: "0".repeat(64) });
  const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => declare(i)));
  expect(answers.map((a) => a.status)).toEqual(Array(100).fill(201));
  const ids = answers.map((a) => a.body.uploadId);
  expect(new Set(ids).size).toBe(100);
  const next = (await declare(100)).body.uploadId;
  for (const id of ids) expect(next > id).toBe(true);
  const history = (await stack.api("GET", "/machines/burst-1")).body.uploads.map((u) => u.uploadId);
  expect(history).toEqual([...history].sort().reverse());
});

const upload = declarationBody;
const machine = (overrides: Record<string, unknown>) => ({ machineId: "new-1", ...overrides });
type Case = [name: string, method: string, path: string, body: unknown, status: number, code: string, headers?: object];
const bad = (code: string, status = 400) => ({ code, status });
const invalid = bad("invalid_request");

const cases: Case[] = [
  ...[
    ["machine id with a path", { machineId: "../x" }],
    ["empty machine id", { machineId: "" }],
    ["65-character machine id", { machineId: "a".repeat(65) }],
    ["non-ASCII machine id", { machineId: "maschine-ü" }],
    ["machine id starting with a dot", { machineId: ".hidden" }],
    ["machine id with a space", { machineId: "a b" }],
    ["machine id not a string", { machineId: 42 }],
    ["machine id null", { machineId: null }],
    ["missing machine id", { label: "x" }],
    ["label of 201 characters", machine({ label: "x".repeat(201) })],
    ["label with ESC", machine({ label: "\u001b]0;title\u0007" })],
    ["label with BEL", machine({ label: "ding\u0007" })],
    ["label with DEL", machine({ label: "a\u007f" })],
    ["label with CSI (C1)", machine({ label: "a\u009b2J" })],
    ["label with RLO", machine({ label: "a\u202eb" })],
    ["label with LRI", machine({ label: "a\u2066b" })],
    ["label with PDI", machine({ label: "a\u2069b" })],
    ["label with NUL", machine({ label: "a\u0000b" })],
    ["label not a string", machine({ label: 5 })],
    ["empty label", machine({ label: "   " })],
  ].map(([name, body]) => [name, "POST", "/machines", body, invalid.status, invalid.code] as Case),
  ...[
    ["uppercase sha256", upload({ sha256: "A".repeat(64) })],
    ["short sha256", upload({ sha256: "abc" })],
    ["non-hex sha256", upload({ sha256: "g".repeat(64) })],
    ["missing sha256", upload({}, ["sha256"])],
    ["size 0", upload({ size: 0 })],
    ["negative size", upload({ size: -5 })],
    ["fractional size", upload({ size: 1.5 })],
    ["size as a string", upload({ size: "10" })],
    ["missing size", upload({}, ["size"])],
    ["missing filename", upload({}, ["filename"])],
    ["empty filename", upload({ filename: "" })],
    ["filename with a slash", upload({ filename: "../etc/passwd" })],
    ["filename with a backslash", upload({ filename: "a\\b" })],
    ["filename .", upload({ filename: "." })],
    ["filename ..", upload({ filename: ".." })],
    ["filename of 256 characters", upload({ filename: "f".repeat(256) })],
    ["filename with a newline", upload({ filename: "a\nb.txt" })],
    ["filename with ESC", upload({ filename: "a\u001b[2Jb.txt" })],
    ["filename with U+009B", upload({ filename: "a\u009bb.txt" })],
    ["filename with U+0085", upload({ filename: "a\u0085b.txt" })],
    ["filename with RLO", upload({ filename: "invoice\u202efdp.exe" })],
    ["filename with LRE", upload({ filename: "a\u202ab" })],
    ["filename with FSI", upload({ filename: "a\u2068b" })],
    ["content type not a type", upload({ contentType: "not a type" })],
    ["content type with €", upload({ contentType: "text/plain; x=€" })],
    ["content type with CRLF", upload({ contentType: "text/plain\r\nX-Injected: 1" })],
    ["content type without subtype", upload({ contentType: "text/" })],
    ["content type with a bare parameter", upload({ contentType: "text/plain; charset" })],
    ["content type of 256 bytes", upload({ contentType: `text/${"p".repeat(251)}` })],
    ["content type with a tab in the value", upload({ contentType: "text/plain; a=b\tc" })],
    ["content type not a string", upload({ contentType: 1 })],
    ["invalid machine id upload", upload({ machineId: "../x" })],
    ["upload JSON is an array", []],
    ["upload JSON is a string", "a string"],
  ].map(([name, body]) => [name, "POST", "/uploads", body, invalid.status, invalid.code] as Case),
  ["invalid JSON", "POST", "/machines", "{not json", 400, "invalid_request"],
  ["empty body", "POST", "/machines", "", 400, "invalid_request"],
  ["duplicate machine", "POST", "/machines", { machineId: "known-1" }, 409, "machine_exists"],
  ["body of 65 KiB", "POST", "/machines", machine({ label: "x".repeat(65 * 1024) }), 413, "payload_too_large"],
  ["upload body of 100 KiB", "POST", "/uploads", upload({ filler: "x".repeat(100 * 1024) }), 413, "payload_too_large"],
  ["size over the maximum", "POST", "/uploads", upload({ size: 1024 * 1024 + 1 }), 413, "file_too_large"],
  ["unknown machine upload", "POST", "/uploads", upload({ machineId: "ghost-1" }), 404, "machine_not_found"],
  ["no admin token", "POST", "/machines", machine({}), 401, "unauthorized", { Authorization: "" }],
  ["wrong admin token", "POST", "/uploads", upload({}), 401, "unauthorized", { Authorization: "Bearer nope" }],
  ["basic auth", "GET", "/machines", undefined, 401, "unauthorized", { Authorization: "Basic YTpi" }],
  ["unknown upload id", "GET", "/uploads/01M87Y9QCM7YA744HME8C4K83V", undefined, 404, "upload_not_found"],
  ["malformed upload id", "GET", "/uploads/not-an-id", undefined, 400, "invalid_request"],
  ["unknown machine", "GET", "/machines/ghost-1", undefined, 404, "machine_not_found"],
  ["rotate unknown machine", "POST", "/machines/ghost-1/token", undefined, 404, "machine_not_found"],
  ["remove unknown machine", "DELETE", "/machines/ghost-1", undefined, 404, "machine_not_found"],
  ["limit 0", "GET", "/machines?limit=0", undefined, 400, "invalid_request"],
  ["limit 101", "GET", "/machines?limit=101", undefined, 400, "invalid_request"],
  ["limit not a number", "GET", "/machines?limit=ten", undefined, 400, "invalid_request"],
  ["forged cursor", "GET", "/machines?cursor=eyJhIjoiYiJ9", undefined, 400, "invalid_cursor"],
  [
    "forged start key",
    "GET",
    `/machines?cursor=${cursorOf({ pk: "machine#a", sk: "machine" })}`,
    undefined,
    400,
    "invalid_cursor",
  ],
  ["cursor of junk", "GET", "/machines?cursor=%F0%9F%92%A5", undefined, 400, "invalid_cursor"],
  ["download without machine_id", "GET", "/download", undefined, 400, "invalid_request"],
  ["download with a bad machine_id", "GET", "/download?machine_id=..%2Fx", undefined, 400, "invalid_request"],
  ["unknown route", "GET", "/nope", undefined, 404, "not_found"],
];

function cursorOf(startKey: object): string {
  return Buffer.from(JSON.stringify(startKey)).toString("base64url");
}

test(`${cases.length} bad inputs each get their contract code, and nothing is stored`, async () => {
  expect(cases.length).toBeGreaterThanOrEqual(60);
  const before = await everythingStored();
  for (const [name, method, path, body, status, code, headers] of cases) {
    const res = await stack.api(method, path, body, headers as Record<string, string> | undefined);
    expect.soft(res.status, name).toBe(status);
    expect.soft(res.body?.error?.code, name).toBe(code);
  }
  await stack.idle();
  expect(await everythingStored()).toEqual(before);
});

test("the foreign-token matrix: every machine's token against other machines gives the same 401", async () => {
  const count = 150;
  const ids = Array.from({ length: count }, (_, i) => `matrix-${String(i).padStart(3, "0")}`);
  const tokens: string[] = [];
  for (const id of ids) tokens.push(await stack.registerMachine(id));
  for (const id of ids.slice(0, 10)) await stack.upload(id, randomBytes(16));

  const shape = async (res: Response) => {
    // The date and the request id differ on every response, whoever asks.
    const headers = [...res.headers.entries()].filter(([name]) => name !== "date" && name !== "x-request-id");
    return JSON.stringify({ status: res.status, headers, body: await res.text() });
  };
  const reference = await shape(await requestDownload(stack.url, "no-such-machine", tokens[0]!));
  expect(JSON.parse(reference).status).toBe(401);

  // 150 × 149 = 22,350 pairs take minutes on 2 cores; each token is tried against 10 other machines
  // (a fixed spread of offsets, so every machine is also a target 10 times), plus unknown, missing
  // and malformed tokens for each machine: 1,500 + 450 requests.
  const offsets = Array.from({ length: 10 }, (_, k) => 1 + Math.floor((k * (count - 1)) / 10));
  const attempts: [string, string | undefined][] = [];
  for (const [i, token] of tokens.entries()) {
    for (const offset of offsets) attempts.push([ids[(i + offset) % count]!, token]);
    attempts.push([ids[i]!, `fdm_${randomBytes(32).toString("base64url")}`], [ids[i]!, undefined], [ids[i]!, "x"]);
  }
  const answers = new Map<string, number>();
  const queue = [...attempts];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const answer = await shape(await requestDownload(stack.url, next[0], next[1]));
        answers.set(answer, (answers.get(answer) ?? 0) + 1);
      }
    }),
  );
  expect([...answers.keys()]).toEqual([reference]);
  expect(answers.get(reference)).toBe(attempts.length);
});

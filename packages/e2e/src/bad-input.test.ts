import { declarationBody, type RunningStack, startStack } from "@fleetdrop/testing/harness";
import { afterAll, beforeAll, expect, test } from "vitest";

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_FILE_SIZE_BYTES: String(1024 * 1024) } });
  await stack.registerMachine("known-1");
});
afterAll(() => stack?.stop());

const upload = declarationBody;

interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The exact message, or what it must match: at least the field at fault, in our wording. */
  message: string | RegExp;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A validation message about `name`: "Invalid request: <name>: <problem>." */
const field = (name: string) => new RegExp(`^Invalid request: ${escaped(name)}: \\w[^;]*\\.$`);

const cases: Case[] = [
  {
    name: "machine id with a path",
    method: "POST",
    path: "/machines",
    body: { machineId: "../x" },
    status: 400,
    code: "invalid_request",
    message: field("machineId"),
  },
  {
    name: "empty machine id",
    method: "POST",
    path: "/machines",
    body: { machineId: "" },
    status: 400,
    code: "invalid_request",
    message: field("machineId"),
  },
  {
    name: "65-character machine id",
    method: "POST",
    path: "/machines",
    body: { machineId: "a".repeat(65) },
    status: 400,
    code: "invalid_request",
    message: field("machineId"),
  },
  {
    name: "non-ASCII machine id",
    method: "POST",
    path: "/machines",
    body: { machineId: "maschine-ü" },
    status: 400,
    code: "invalid_request",
    message: field("machineId"),
  },
  {
    name: "machine id starting with a dot",
    method: "POST",
    path: "/machines",
    body: { machineId: ".hidden" },
    status: 400,
    code: "invalid_request",
    message: field("machineId"),
  },
  {
    name: "machine id not a string",
    method: "POST",
    path: "/machines",
    body: { machineId: 42 },
    status: 400,
    code: "invalid_request",
    message: "Invalid request: machineId: must be a string.",
  },
  {
    name: "missing machine id",
    method: "POST",
    path: "/machines",
    body: { label: "x" },
    status: 400,
    code: "invalid_request",
    message: "Invalid request: machineId: is required.",
  },
  {
    name: "label too long",
    method: "POST",
    path: "/machines",
    body: { machineId: "ok-1", label: "x".repeat(201) },
    status: 400,
    code: "invalid_request",
    message: "Invalid request: label: must be at most 200 characters long.",
  },
  {
    name: "invalid JSON",
    method: "POST",
    path: "/machines",
    body: "{not json",
    status: 400,
    code: "invalid_request",
    message: /JSON/,
  },
  {
    name: "duplicate machine",
    method: "POST",
    path: "/machines",
    body: { machineId: "known-1" },
    status: 409,
    code: "machine_exists",
    message: 'Machine "known-1" is already registered.',
  },
  {
    name: "no admin token",
    method: "POST",
    path: "/machines",
    body: { machineId: "ok-2" },
    headers: { Authorization: "" },
    status: 401,
    code: "unauthorized",
    message: "Missing or invalid bearer token.",
  },
  {
    name: "wrong admin token",
    method: "POST",
    path: "/uploads",
    body: upload({}),
    headers: { Authorization: "Bearer nope" },
    status: 401,
    code: "unauthorized",
    message: "Missing or invalid bearer token.",
  },
  {
    name: "uppercase sha256",
    method: "POST",
    path: "/uploads",
    body: upload({ sha256: "A".repeat(64) }),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: sha256: must be 64 lowercase hex characters.",
  },
  {
    name: "short sha256",
    method: "POST",
    path: "/uploads",
    body: upload({ sha256: "abc" }),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: sha256: must be 64 lowercase hex characters.",
  },
  {
    name: "non-hex sha256",
    method: "POST",
    path: "/uploads",
    body: upload({ sha256: "g".repeat(64) }),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: sha256: must be 64 lowercase hex characters.",
  },
  {
    name: "size 0",
    method: "POST",
    path: "/uploads",
    body: upload({ size: 0 }),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: size: must be at least 1.",
  },
  {
    name: "negative size",
    method: "POST",
    path: "/uploads",
    body: upload({ size: -5 }),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: size: must be at least 1.",
  },
  {
    name: "fractional size",
    method: "POST",
    path: "/uploads",
    body: upload({ size: 1.5 }),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: size: must be an integer.",
  },
  {
    name: "size as a string",
    method: "POST",
    path: "/uploads",
    body: upload({ size: "10" }),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: size: must be a number.",
  },
  {
    name: "size over the maximum",
    method: "POST",
    path: "/uploads",
    body: upload({ size: 1024 * 1024 + 1 }),
    status: 413,
    code: "file_too_large",
    message: "The file is 1048577 bytes; the largest accepted file is 1048576 bytes.",
  },
  {
    name: "missing sha256",
    method: "POST",
    path: "/uploads",
    body: upload({}, ["sha256"]),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: sha256: is required.",
  },
  {
    name: "missing filename",
    method: "POST",
    path: "/uploads",
    body: upload({}, ["filename"]),
    status: 400,
    code: "invalid_request",
    message: "Invalid request: filename: is required.",
  },
  {
    name: "filename with a slash",
    method: "POST",
    path: "/uploads",
    body: upload({ filename: "../etc/passwd" }),
    status: 400,
    code: "invalid_request",
    message: field("filename"),
  },
  {
    name: "filename with a control character",
    method: "POST",
    path: "/uploads",
    body: upload({ filename: "a\nb.txt" }),
    status: 400,
    code: "invalid_request",
    message: field("filename"),
  },
  {
    name: "bad content type",
    method: "POST",
    path: "/uploads",
    body: upload({ contentType: "not a type" }),
    status: 400,
    code: "invalid_request",
    message: field("contentType"),
  },
  {
    name: "unknown machine upload",
    method: "POST",
    path: "/uploads",
    body: upload({ machineId: "ghost-1" }),
    status: 404,
    code: "machine_not_found",
    message: 'Machine "ghost-1" is not registered.',
  },
  {
    name: "invalid machine id upload",
    method: "POST",
    path: "/uploads",
    body: upload({ machineId: "../x" }),
    status: 400,
    code: "invalid_request",
    message: field("machineId"),
  },
  {
    name: "upload JSON is an array",
    method: "POST",
    path: "/uploads",
    body: "[]",
    status: 400,
    code: "invalid_request",
    message: "Invalid request: must be an object.",
  },
  {
    name: "unknown upload id",
    method: "GET",
    path: "/uploads/01M87Y9QCM7YA744HME8C4K83V",
    status: 404,
    code: "upload_not_found",
    message: 'Upload "01M87Y9QCM7YA744HME8C4K83V" does not exist.',
  },
  {
    name: "malformed upload id",
    method: "GET",
    path: "/uploads/not-an-id",
    status: 400,
    code: "invalid_request",
    message: "Invalid request: id: must be an upload id (26-character ULID).",
  },
  {
    name: "unknown machine",
    method: "GET",
    path: "/machines/ghost-1",
    status: 404,
    code: "machine_not_found",
    message: 'Machine "ghost-1" is not registered.',
  },
  {
    name: "rotate unknown machine",
    method: "POST",
    path: "/machines/ghost-1/token",
    status: 404,
    code: "machine_not_found",
    message: 'Machine "ghost-1" is not registered.',
  },
  {
    name: "limit 0",
    method: "GET",
    path: "/machines?limit=0",
    status: 400,
    code: "invalid_request",
    message: "Invalid request: limit: must be at least 1.",
  },
  {
    name: "limit not a number",
    method: "GET",
    path: "/machines?limit=ten",
    status: 400,
    code: "invalid_request",
    message: "Invalid request: limit: must be a number.",
  },
  {
    name: "forged cursor",
    method: "GET",
    path: "/machines?cursor=bm90LWEtY3Vyc29y",
    status: 400,
    code: "invalid_cursor",
    message: "The cursor is not one this API returned.",
  },
  {
    name: "download without machine_id",
    method: "GET",
    path: "/download",
    status: 400,
    code: "invalid_request",
    message: "Invalid request: machine_id: is required.",
  },
  {
    name: "download with a bad machine_id",
    method: "GET",
    path: "/download?machine_id=..%2Fx",
    status: 400,
    code: "invalid_request",
    message: field("machine_id"),
  },
];

test(`${cases.length} kinds of bad input each get their 4xx JSON error and change nothing`, async () => {
  const machinesBefore = (await stack.api("GET", "/machines")).body;
  const objectsBefore = await stack.keysUnder("");
  for (const c of cases) {
    const res = await stack.api(c.method, c.path, c.body, c.headers);
    expect.soft(res.status, c.name).toBe(c.status);
    expect.soft(res.body?.error?.code, c.name).toBe(c.code);
    if (typeof c.message === "string") expect.soft(res.body?.error?.message, c.name).toBe(c.message);
    else expect.soft(res.body?.error?.message, c.name).toMatch(c.message);
  }
  await stack.idle();
  expect((await stack.api("GET", "/machines")).body).toEqual(machinesBefore);
  expect((await stack.api("GET", "/machines/known-1")).body.uploads).toEqual([]);
  expect(await stack.keysUnder("")).toEqual(objectsBefore);
});

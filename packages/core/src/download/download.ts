/**
 * The machine side of GET /download, at DynamoDB's lowest cost (README "Cost model"):
 *   no If-None-Match  one conditional UpdateItem authenticates, counts and records lastSeenAt; a
 *                     failed condition costs one GetItem to tell 401 from 404, the same work
 *                     whether or not the machine exists
 *   If-None-Match     one strongly consistent GetItem (token checked in constant time); a match is a
 *                     304 plus a lastSeenAt write at most once per LAST_SEEN_RESOLUTION_SECONDS, and
 *                     a mismatch continues as above
 *   HEAD              the GetItem only: answers as a GET would, records nothing
 * A 302 also writes its log entry and, on a file's first download, the machine.downloaded event.
 * URLs are signed per request because a URL signed with a Lambda role's temporary credentials dies
 * with that session, whatever its expiresIn.
 */
import { Config } from "../config/index.ts";
import { NoFileError, UnauthorizedError } from "../error/index.ts";
import * as Machine from "../machine/machine.ts";
import * as Outbox from "../outbox/outbox.ts";
import * as Storage from "../storage/storage.ts";
import * as Token from "../token/token.ts";
import { matchesEntityTag } from "./entity-tag.ts";

export type Answer =
  | { kind: "not-modified"; sha256: string; uploadId: string }
  | { kind: "redirect"; sha256: string; uploadId: string; url: string };

export interface Request {
  machineId: string;
  token: string | undefined;
  ifNoneMatch?: string | undefined;
  /** For the download log. */
  sourceIp?: string | undefined;
  userAgent?: string | undefined;
  /** HEAD: answer, but count and record nothing. */
  inspectOnly?: boolean;
}

// Hashed when no token was presented, so that request does the same work as a wrong token.
const noTokenHash = Token.hash("");

export async function request(input: Request, now: Date = new Date()): Promise<Answer> {
  if (input.inspectOnly || input.ifNoneMatch) {
    const machine = await authenticated(input);
    if (matchesEntityTag(input.ifNoneMatch, machine.file.sha256)) {
      if (!input.inspectOnly) await Machine.touchLastSeen(machine, now, Config.lastSeenResolutionSeconds);
      return { kind: "not-modified", sha256: machine.file.sha256, uploadId: machine.file.uploadId };
    }
    if (input.inspectOnly) return redirectTo(machine.file);
  }
  return serve(input, now);
}

/** The authenticated machine, with a file (401 and 404 `no_file` otherwise). */
async function authenticated(input: Request): Promise<Machine.Item & { file: Machine.StoredFile }> {
  const machine = await Machine.find(input.machineId);
  if (!Machine.verify(machine, input.token)) throw new UnauthorizedError();
  if (!machine.file) throw new NoFileError(input.machineId);
  return machine as Machine.Item & { file: Machine.StoredFile };
}

async function redirectTo(file: Machine.StoredFile): Promise<Answer> {
  return { kind: "redirect", sha256: file.sha256, uploadId: file.uploadId, url: await Storage.downloadUrl(file.key) };
}

/** A counted 302. */
async function serve(input: Request, now: Date, retried = false): Promise<Answer> {
  const before = await Machine.countDownload(input.machineId, input.token ? Token.hash(input.token) : noTokenHash, now);
  if (!before) {
    // Tells 401 from 404 with one read. Otherwise the machine changed in between, or its file is from
    // before delivery tracking and gets its record now: one more try.
    const machine = await authenticated(input);
    if (retried) throw new UnauthorizedError();
    if (!machine.delivery) await Machine.ensureDelivery(input.machineId, machine.file.uploadId);
    return serve(input, now, true);
  }
  const file = before.file!;
  const at = now.toISOString();
  const [answer] = await Promise.all([
    redirectTo(file),
    Machine.recordDownload(before, {
      at,
      uploadId: file.uploadId,
      sourceIp: input.sourceIp ?? null,
      userAgent: input.userAgent ?? null,
    }),
    before.delivery?.downloadedAt
      ? undefined
      : Outbox.emit({
          id: `machine.downloaded#${input.machineId}#${file.uploadId}`,
          event: "machine.downloaded",
          machineId: input.machineId,
          uploadId: file.uploadId,
          at,
          text: `${input.machineId} downloaded ${file.filename} (upload ${file.uploadId})`,
          filename: file.filename,
          sourceIp: input.sourceIp ?? null,
          userAgent: input.userAgent ?? null,
        }),
  ]);
  return answer;
}

/**
 * The machine side: a machine presents its token and gets a fresh presigned GET of its current
 * file, or "not modified" when it already has it. URLs are signed per request because a URL signed
 * with a Lambda role's temporary credentials dies with that session, whatever its expiresIn.
 */
import { NoFileError } from "../error/index.ts";
import { Machine } from "../machine/index.ts";
import { Storage } from "../storage/index.ts";
import { matchesEntityTag } from "./entity-tag.ts";

export type Answer =
  | { kind: "not-modified"; sha256: string }
  | { kind: "redirect"; sha256: string; url: string };

export interface Request {
  machineId: string;
  token: string | undefined;
  ifNoneMatch?: string;
  /** False for a HEAD: the answer is the same, but nothing is counted. */
  count?: boolean;
}

export async function request(input: Request): Promise<Answer> {
  const machine = await Machine.authenticate(input.machineId, input.token);
  const file = machine.file;
  if (!file) throw new NoFileError(input.machineId);
  if (matchesEntityTag(input.ifNoneMatch, file.sha256)) return { kind: "not-modified", sha256: file.sha256 };
  const url = await Storage.downloadUrl(file.key);
  if (input.count !== false) await Machine.recordDownload(input.machineId);
  return { kind: "redirect", sha256: file.sha256, url };
}

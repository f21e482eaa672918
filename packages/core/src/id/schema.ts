/** The identifiers every part of the system shares, as schemas (types come from them). */
import * as z from "zod/mini";
import { pattern } from "./ulid.ts";

export const MachineId = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
    ),
  );

export const UploadId = z.string().check(z.regex(pattern, "must be an upload id (26-character ULID)"));

export const Sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters"));

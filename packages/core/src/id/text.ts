/**
 * Rules for text that people see: labels and filenames end up on terminals and in dashboards, so
 * they may not carry characters that drive a terminal (C0/C1 controls, DEL) or reorder what is
 * shown (bidirectional overrides and isolates). Content types travel as HTTP headers, so they are
 * printable ASCII in the shape `type/subtype; name=value`.
 */
import * as z from "zod/mini";

export const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const noControlsMessage = "must not contain control or bidirectional-override characters";

/** A zod refinement: true when `text` is safe to show. */
export const isDisplaySafe = (text: string) => !unsafeCharacters.test(text);

const token = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
const quoted = '"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*"';
const parameter = `[ \\t]*;[ \\t]*${token}=(?:${token}|${quoted})`;
const mediaType = new RegExp(`^${token}/${token}(?:${parameter})*[ \\t]*$`);

/** RFC 9110's media-type, printable ASCII only, at most 255 bytes. */
export const ContentType = z
  .string()
  .check(
    z.maxLength(255),
    z.regex(mediaType, "must be a media type such as application/octet-stream, printable ASCII only"),
  );

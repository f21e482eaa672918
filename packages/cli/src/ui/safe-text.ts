/**
 * Text from a server (labels, filenames, error messages) is shown only without control
 * characters: C0, DEL, C1 and the bidi overrides/isolates could retitle or clear a terminal, or
 * reorder what the admin reads.
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(unsafe, "");
}

// JSON.stringify already escapes C0 inside strings; outside strings there is only layout.
const unsafeInJson = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** JSON with every such character written as a \u escape: the same value, inert on a terminal. */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    unsafeInJson,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

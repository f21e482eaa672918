/**
 * Test support: reads the filename back out of a Content-Disposition header (prefers RFC 8187
 * `filename*`), independently of the code that writes it (core's storage/content-disposition.ts).
 */
export function filenameOf(header: string): string | undefined {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1]!.trim());
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  return quoted ? quoted[1]!.replace(/\\(.)/g, "$1") : undefined;
}

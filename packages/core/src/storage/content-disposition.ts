/**
 * Content-Disposition for a download. Plain ASCII filenames give exactly
 * `attachment; filename="<name>"`; others add an RFC 6266 / RFC 8187 `filename*` with the UTF-8
 * name and keep an ASCII fallback in `filename`, since HTTP header values cannot carry raw UTF-8.
 */
export function attachment(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename) && !/["\\]/.test(filename)) return `attachment; filename="${filename}"`;
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

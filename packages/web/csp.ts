/**
 * The dashboard's Content-Security-Policy, written into index.html as a <meta> tag at build time,
 * so it holds on any static host (the local stack, CloudFront). No inline script or style; the
 * only remote origins are the API and the bucket the browser POSTs to. `'wasm-unsafe-eval'` lets
 * the hashing worker compile hash-wasm's WebAssembly (it allows no JavaScript eval).
 *
 * connectSources: the API's origin and the upload bucket's, from VITE_API_URL and
 * VITE_UPLOAD_ORIGIN (comma separated); a build without them (the local stack's) allows loopback
 * on any port.
 */
export function contentSecurityPolicy(connectSources: string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(" ")}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

export function connectSources(env: Record<string, string | undefined>): string[] {
  const origins = [env.VITE_API_URL ?? "", ...(env.VITE_UPLOAD_ORIGIN ?? "").split(",")]
    .map((value) => value.trim())
    .filter(Boolean);
  if (origins.length === 0) return ["http://127.0.0.1:*", "http://localhost:*"];
  return origins.map((value) => new URL(value).origin);
}

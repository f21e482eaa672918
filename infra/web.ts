/**
 * The admin dashboard (packages/web) on S3 + CloudFront, built with the API's URL baked in
 * (VITE_API_URL) and the bucket's upload origin for its Content-Security-Policy. The CSP itself is
 * a <meta> tag written at build time; CloudFront adds what a <meta> cannot carry (frame-ancestors)
 * and the usual hardening headers. The bucket answers CORS for the browser's presigned POST from
 * the site's origin only, plus any origins in ALLOWED_ORIGINS at deploy time (comma separated).
 * The API's CORS origins are the stage's (infra/stages.ts): see infra/api.ts for why.
 */
import { apiUrl } from "./api.ts";
import { bucket } from "./storage.ts";

const region = aws.getRegionOutput().name;
// createPresignedPost's URL is the regional virtual-hosted one; the global name is allowed too.
const regionalOrigin = $interpolate`https://${bucket.name}.s3.${region}.amazonaws.com`;
const globalOrigin = $interpolate`https://${bucket.name}.s3.amazonaws.com`;
const uploadOrigins = $interpolate`${regionalOrigin},${globalOrigin}`;

const securityHeaders = [
  `event.response.headers["content-security-policy"] = { value: "frame-ancestors 'none'" };`,
  `event.response.headers["x-content-type-options"] = { value: "nosniff" };`,
  `event.response.headers["referrer-policy"] = { value: "no-referrer" };`,
  `event.response.headers["strict-transport-security"] = { value: "max-age=63072000" };`,
].join("\n");

export const site = new sst.aws.StaticSite("Dashboard", {
  path: "packages/web",
  build: { command: "npm run build", output: "dist" },
  environment: { VITE_API_URL: apiUrl, VITE_UPLOAD_ORIGIN: uploadOrigins },
  edge: { viewerResponse: { injection: securityHeaders } },
});

/** The site's origin as browsers send it in `Origin` (no path, no trailing slash). */
export const siteOrigin = site.url.apply((url) => new URL(url).origin);

const extraOrigins = (process.env.ALLOWED_ORIGINS ?? "")
  .split(",")
  .map((origin) => origin.trim())
  .filter(Boolean);

new aws.s3.BucketCorsConfiguration("BucketCors", {
  bucket: bucket.name,
  corsRules: [
    {
      allowedOrigins: [siteOrigin, ...extraOrigins],
      allowedMethods: ["POST"],
      allowedHeaders: ["*"],
      exposeHeaders: ["ETag"],
      maxAgeSeconds: 3600,
    },
  ],
});

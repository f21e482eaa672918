/**
 * What every Fleetdrop function shares: Node 24 on arm64 (about 20% cheaper than x86_64 per
 * GB-second; the bundles are pure JavaScript), and the tunables of @fleetdrop/core/tunables passed
 * through from the deploy environment when set there (or in .env.<stage>); unset ones keep the
 * code's defaults.
 */
import { tunableNames } from "@fleetdrop/core/tunables";

const environment = Object.fromEntries(
  tunableNames.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
);

export const defaults = {
  runtime: "nodejs24.x",
  architecture: "arm64",
  environment,
} satisfies Partial<sst.aws.FunctionArgs>;

/**
 * For the two functions that may hash a whole object (up to 5 GiB) when S3 holds no SHA-256
 * checksum for it: the object is streamed through one single-threaded hash, so 1769 MB (the size
 * at which Lambda gives one full vCPU; network throughput also grows with memory in practice) is
 * what speeds it up, and more memory would add idle vCPUs. At a pessimistic 50 MiB/s from S3 a 5 GiB object takes
 * under 2 minutes; the 15-minute maximum leaves room for a slow read and for the sweeper doing
 * several. Memory use stays small: nothing is buffered whole.
 */
export const hashing = {
  memory: "1769 MB",
  timeout: "15 minutes",
} satisfies Partial<sst.aws.FunctionArgs>;

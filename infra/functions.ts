/**
 * What every Fleetdrop function shares: Node 24 on arm64 (about 20% cheaper than x86_64 per
 * GB-second; the bundles are pure JavaScript), the stage's tunables from infra/stages.ts (never from
 * the deployer's shell), and Lambda's JSON log format. The JSON format is what lets Lambda filter its
 * own platform lines by level: production keeps only WARN and above, which drops the START, END and
 * REPORT lines of every poll (about 0.5 KB per request, more than the app writes; durations,
 * errors and throttles stay in the free Lambda metrics). See README "Logs and request ids".
 */
import { nodejsBuild } from "./bundling.ts";
import { stageSettings } from "./stages.ts";

export const settings = stageSettings($app.stage);

const systemLogLevel = settings.production ? "WARN" : "INFO";

export const defaults = {
  runtime: "nodejs24.x",
  architecture: "arm64",
  environment: settings.tunables,
  logging: { format: "json", retention: "1 month" },
  nodejs: nodejsBuild,
  transform: {
    function: (args) => {
      args.loggingConfig = $output(args.loggingConfig).apply((config) => ({
        ...config,
        logFormat: "JSON",
        systemLogLevel,
      }));
    },
  },
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

/**
 * The monthly cost of a fleet that polls `GET /download`, at list prices (prices.ts), bytes
 * transferred and stored excluded. Pure arithmetic over a 30-day month; README "Cost model"
 * explains each line. The per-request work is the target design of the download path:
 *   a 304 poll = one strongly consistent read (1 read unit), plus one lastSeenAt write at most once
 *                per LAST_SEEN_RESOLUTION_SECONDS for that machine;
 *   a 302      = one conditional write (1 write unit) that authenticates, counts and sets lastSeenAt,
 *                then the machine's GET of the presigned URL from S3.
 * Every 302 is the download of a replacement, so each one also brings one upload (declare, S3 POST,
 * the ObjectCreated function).
 */
import { freeAllowances, prices } from "./prices.ts";

export const minutesPerMonth = 30 * 24 * 60;

/** What the model assumes about the work itself; README lists them. */
export const assumptions = {
  apiMemoryGb: 1,
  /** Billed duration of an API request, cold starts (whose init is billed) averaged in. */
  apiAverageMs: 30,
  hashingMemoryGb: 1.769,
  objectCreatedAverageMs: 500,
  /** A sweep: a base cost plus its share of listing the bucket and reading the current files. */
  sweepBaseMs: 1000,
  sweepMsPerMachine: 0.1,
  sweepsPerMonth: minutesPerMonth / 5,
  /** Machine items stay under 1 KB: one write unit per write, one read unit per strongly consistent read. */
  machineItemKb: 1,
  /** Per upload: POST /uploads and one GET /uploads/{id}. */
  adminRequestsPerUpload: 2,
  /**
   * Per upload: declare (reserve the id, put the intent) and processing (read upload and machine,
   * switch the file, statuses).
   */
  readsPerUpload: 4,
  writesPerUpload: 5,
  /** Alarms the stack defines (infra/alarms.ts). */
  alarms: 5,
} as const;

export interface Workload {
  machines: number;
  intervalMinutes: number;
  /** LAST_SEEN_RESOLUTION_SECONDS: a 304 writes lastSeenAt only when the stored one is at least this old. */
  resolutionSeconds: number;
  /** 302s a month; each is the download of one replacement upload. */
  downloadsPerMonth: number;
}

export interface Line {
  item: string;
  quantity: number;
  unit: string;
  /** The part of `quantity` an always-free allowance covers. */
  free: number;
  unitPrice: number;
  dollars: number;
}

export interface Estimate {
  workload: Workload;
  polls: number;
  lines: Line[];
  /** With the always-free allowances applied. */
  total: number;
  /** The same with no free allowance at all (another workload in the account already uses them). */
  totalWithoutFree: number;
  /** What an API Gateway HTTP API in front would add (no free tier). */
  httpApiExtra: number;
}

/** How many polls of one machine share one lastSeenAt write: 1 when the interval is at least the resolution. */
export function pollsPerLastSeenWrite(intervalMinutes: number, resolutionSeconds: number): number {
  if (resolutionSeconds <= 0) return 1;
  return Math.max(1, Math.ceil(resolutionSeconds / (intervalMinutes * 60)));
}

function line(item: string, quantity: number, unit: string, unitPrice: number, allowance = 0): Line {
  const free = Math.min(quantity, allowance);
  return { item, quantity, unit, free, unitPrice, dollars: (quantity - free) * unitPrice };
}

export function estimate(workload: Workload): Estimate {
  const { machines, intervalMinutes, resolutionSeconds } = workload;
  if (!(machines > 0) || !(intervalMinutes > 0) || resolutionSeconds < 0 || workload.downloadsPerMonth < 0) {
    throw new RangeError("machines and interval must be positive; resolution and downloads must not be negative");
  }
  const a = assumptions;
  const polls = (machines * minutesPerMonth) / intervalMinutes;
  const downloads = Math.min(workload.downloadsPerMonth, polls);
  const notModified = polls - downloads;
  const uploads = downloads;
  const sweeps = a.sweepsPerMonth;

  const apiRequests = polls + uploads * a.adminRequestsPerUpload;
  const lambdaRequests = apiRequests + uploads + sweeps;
  const sweepMs = a.sweepBaseMs + machines * a.sweepMsPerMachine;
  const gbSeconds =
    (apiRequests * a.apiAverageMs * a.apiMemoryGb +
      uploads * a.objectCreatedAverageMs * a.hashingMemoryGb +
      sweeps * sweepMs * a.hashingMemoryGb) /
    1000;

  const lastSeenWrites = notModified / pollsPerLastSeenWrite(intervalMinutes, resolutionSeconds);
  // The sweeper reads every machine item through gsi1 (eventually consistent: half a unit per 4 KB).
  const sweepReads = sweeps * Math.max(1, Math.ceil((machines * a.machineItemKb) / 4) * 0.5);
  const reads = notModified + uploads * a.readsPerUpload + sweepReads;
  const writes = lastSeenWrites + downloads + uploads * a.writesPerUpload;

  // Per upload: the S3 POST and ObjectCreated's LIST of the machine's prefix (PUT class), its HEAD
  // (GET class); per 302 the machine's GET. A sweep lists files/ in pages of 1,000 keys.
  const listPages = Math.max(1, Math.ceil(machines / 1000));
  const s3PutClass = uploads * 2 + sweeps * listPages;
  const s3GetClass = downloads + uploads;

  const lines = [
    line("API front (Lambda Function URL)", apiRequests, "requests", 0),
    line("Lambda requests", lambdaRequests, "requests", prices.lambdaRequest, freeAllowances.lambdaRequests),
    line("Lambda compute", gbSeconds, "GB-s", prices.lambdaGbSecond, freeAllowances.lambdaGbSeconds),
    line("DynamoDB reads", reads, "read units", prices.dynamoReadUnit),
    line("DynamoDB writes", writes, "write units", prices.dynamoWriteUnit),
    line("S3 PUT/POST/LIST", s3PutClass, "requests", prices.s3PutClassRequest),
    line("S3 GET/HEAD", s3GetClass, "requests", prices.s3GetClassRequest),
    line("Scheduler (sweeper)", sweeps, "invocations", prices.schedulerInvocation, freeAllowances.schedulerInvocations),
    line("CloudWatch alarms", a.alarms, "alarms", prices.alarm, freeAllowances.alarms),
  ];
  const total = lines.reduce((sum, l) => sum + l.dollars, 0);
  const totalWithoutFree = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return { workload, polls, lines, total, totalWithoutFree, httpApiExtra: apiRequests * prices.httpApiRequest };
}

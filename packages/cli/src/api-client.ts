/** The Fleetdrop HTTP API, typed by core's schemas (types only: nothing of core runs here). */
import type { IncomingMessage } from "node:http";
import type { Machine } from "@fleetdrop/core/machine";
import type { Upload } from "@fleetdrop/core/upload";
import type { Credentials } from "./config.ts";
import { ApiError, CliError, describeNetworkError } from "./errors.ts";
import { readBody, send } from "./net/http.ts";
import { parseS3Error } from "./transfer/s3-errors.ts";
import { terminalSafe } from "./ui/safe-text.ts";

export type MachineView = Machine.Info & { uploads: Upload.Upload[] };

export interface DownloadAnswer {
  status: 302 | 304;
  sha256?: string | undefined;
  location?: string | undefined;
  /** X-Fleetdrop-Upload-Id: the upload to report on (CONTRACT §6). */
  uploadId?: string | undefined;
}

/** What a machine reports on one of its uploads (POST /reports). */
export interface DeliveryReport {
  machineId: string;
  uploadId: string;
  status: "installed" | "failed";
  message?: string;
  exitCode?: number;
}

export interface FleetSummary {
  machines: number;
  states: Record<Machine.DeliveryState, number>;
  stale: number;
  rejectedUploads24h: number;
  updatedAt: string | null;
}

export interface DownloadLogPage {
  downloads: { at: string; uploadId: string; sourceIp: string | null; userAgent: string | null }[];
  nextCursor: string | null;
}

export class ApiClient {
  readonly baseUrl: URL;
  readonly #credentials: Credentials;
  readonly #userAgent: string;

  /** `version` names the CLI in User-Agent, which the API keeps in each machine's download log. */
  constructor(baseUrl: URL, credentials: Credentials, version = "unknown") {
    this.baseUrl = baseUrl;
    this.#credentials = credentials;
    this.#userAgent = `fleetdrop/${version} node/${process.versions.node}`;
  }

  /** One call: network failures become one sentence naming the API; error answers become ApiError. */
  async #send(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
    const base = this.baseUrl.href.endsWith("/") ? this.baseUrl : new URL(`${this.baseUrl.href}/`);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    let res: IncomingMessage;
    try {
      res = await send(new URL(path.replace(/^\//, ""), base), {
        method,
        headers: {
          Authorization: `Bearer ${this.#credentials.token}`,
          "User-Agent": this.#userAgent,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...options.headers,
        },
        ...(body === undefined ? {} : { body }),
        idleTimeoutMs: 30_000,
      });
    } catch (error) {
      throw new CliError(describeNetworkError(error, `Fleetdrop at ${this.baseUrl.origin}`));
    }
    const status = res.statusCode ?? 0;
    if (status >= 400) throw this.#failure(status, await readBody(res));
    return res;
  }

  #failure(status: number, text: string): CliError {
    const origin = this.baseUrl.origin;
    const answer = safeJson(text) as { error?: { code?: string; message?: string } } | undefined;
    if (answer?.error?.code) {
      const token = status === 401 || status === 403 ? `; token from ${this.#credentials.source}` : "";
      const message = terminalSafe(answer.error.message ?? `The API answered ${status}.`);
      return new ApiError(status, terminalSafe(answer.error.code), message, `[${origin}${token}]`);
    }
    const s3 = parseS3Error(text);
    if (s3) {
      return new CliError(
        `${origin} answered like S3 (${status} ${s3.code}: ${s3.message}), not like the Fleetdrop API. ` +
          "Set FLEETDROP_URL to the API's URL (npm start prints it as API).",
      );
    }
    return new CliError(
      `${origin} answered ${status} without a Fleetdrop error body. Is FLEETDROP_URL the Fleetdrop API?`,
    );
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await readBody(await this.#send(method, path, { body }), 64 * 1024 * 1024);
    if (!text) return undefined as T;
    const parsed = safeJson(text);
    if (parsed === undefined)
      throw new CliError(`${this.baseUrl.origin} answered ${path} with something that is not JSON.`);
    return parsed as T;
  }

  /** The machine side's `GET /download`: the 302 or 304, not followed. */
  async requestDownload(machineId: string, ifNoneMatchSha256?: string): Promise<DownloadAnswer> {
    const res = await this.#send("GET", `/download?machine_id=${encodeURIComponent(machineId)}`, {
      headers: ifNoneMatchSha256 ? { "If-None-Match": `"${ifNoneMatchSha256}"` } : {},
    });
    res.resume();
    if (res.statusCode !== 302 && res.statusCode !== 304) {
      throw new CliError(`${this.baseUrl.origin} answered ${res.statusCode} to /download; expected 302 or 304.`);
    }
    const header = (name: string) => {
      const value = res.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    return {
      status: res.statusCode,
      sha256: header("x-content-sha256"),
      location: header("location"),
      uploadId: header("x-fleetdrop-upload-id"),
    };
  }

  /** The machine side's `POST /reports` (204). */
  report(report: DeliveryReport) {
    return this.request<void>("POST", "/reports", report);
  }

  fleetSummary() {
    return this.request<FleetSummary>("GET", "/fleet");
  }

  machineDownloads(machineId: string, limit: number, cursor?: string) {
    const query = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    return this.request<DownloadLogPage>("GET", `/machines/${encodeURIComponent(machineId)}/downloads${query}`);
  }

  registerMachine(machineId: string, label?: string) {
    return this.request<Machine.Credentials>("POST", "/machines", { machineId, ...(label ? { label } : {}) });
  }

  async listMachines(): Promise<Machine.Info[]> {
    const machines: Machine.Info[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : "?limit=100";
      const page: { machines: Machine.Info[]; nextCursor: string | null } = await this.request(
        "GET",
        `/machines${query}`,
      );
      machines.push(...page.machines);
      cursor = page.nextCursor;
    } while (cursor);
    return machines;
  }

  getMachine(machineId: string) {
    return this.request<MachineView>("GET", `/machines/${encodeURIComponent(machineId)}`);
  }

  rotateToken(machineId: string) {
    return this.request<Machine.Credentials>("POST", `/machines/${encodeURIComponent(machineId)}/token`);
  }

  removeMachine(machineId: string) {
    return this.request<void>("DELETE", `/machines/${encodeURIComponent(machineId)}`);
  }

  declareUpload(declaration: Upload.Declaration) {
    return this.request<Upload.Intent>("POST", "/uploads", declaration);
  }

  getUpload(uploadId: string) {
    return this.request<Upload.Upload>("GET", `/uploads/${encodeURIComponent(uploadId)}`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

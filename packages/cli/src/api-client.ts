/** The Fleetdrop HTTP API, typed by core's schemas (types only: nothing of core runs here). */
import type { Machine } from "@fleetdrop/core/machine";
import type { Upload } from "@fleetdrop/core/upload";
import { ApiError, CliError, describeNetworkError } from "./errors.ts";

export type MachineView = Machine.Info & { uploads: Upload.Upload[] };

export interface DownloadAnswer {
  status: 302 | 304;
  sha256?: string | undefined;
  location?: string | undefined;
}

export class ApiClient {
  readonly baseUrl: URL;
  readonly #token: string;

  constructor(baseUrl: URL, token: string) {
    this.baseUrl = baseUrl;
    this.#token = token;
  }

  /** One call: network failures become one sentence naming the API; error answers become ApiError. */
  async #send(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; redirect?: "follow" | "manual" } = {}) {
    const base = this.baseUrl.href.endsWith("/") ? this.baseUrl : new URL(this.baseUrl.href + "/");
    let res: Response;
    try {
      res = await fetch(new URL(path.replace(/^\//, ""), base), {
        method,
        redirect: options.redirect ?? "follow",
        headers: {
          Authorization: `Bearer ${this.#token}`,
          ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new CliError(describeNetworkError(error, `Fleetdrop at ${this.baseUrl.origin}`));
    }
    if (res.status >= 400) {
      const parsed = safeJson(await res.text()) as { error?: { code?: string; message?: string } } | undefined;
      throw new ApiError(res.status, parsed?.error?.code ?? "http_error", parsed?.error?.message ?? `The API answered ${res.status}.`);
    }
    return res;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await (await this.#send(method, path, { body })).text();
    return (text ? safeJson(text) : undefined) as T;
  }

  /** The machine side's `GET /download`: the 302 or 304, not followed. */
  async requestDownload(machineId: string, ifNoneMatchSha256?: string): Promise<DownloadAnswer> {
    const res = await this.#send("GET", `/download?machine_id=${encodeURIComponent(machineId)}`, {
      redirect: "manual",
      headers: ifNoneMatchSha256 ? { "If-None-Match": `"${ifNoneMatchSha256}"` } : {},
    });
    await res.body?.cancel();
    if (res.status !== 302 && res.status !== 304) throw new CliError(`The API answered ${res.status} to /download.`);
    return {
      status: res.status === 302 ? 302 : 304,
      sha256: res.headers.get("x-content-sha256") ?? undefined,
      location: res.headers.get("location") ?? undefined,
    };
  }

  registerMachine(machineId: string, label?: string) {
    return this.request<Machine.Credentials>("POST", "/machines", { machineId, ...(label ? { label } : {}) });
  }

  async listMachines(): Promise<Machine.Info[]> {
    const machines: Machine.Info[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : "?limit=100";
      const page: { machines: Machine.Info[]; nextCursor: string | null } = await this.request("GET", `/machines${query}`);
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

/** The Fleetdrop HTTP API, typed by core's schemas (types only: nothing of core runs here). */
import type { Machine } from "@fleetdrop/core/machine";
import type { Upload } from "@fleetdrop/core/upload";
import { ApiError, CliError, describeNetworkError } from "./errors.ts";

export type MachineView = Machine.Info & { uploads: Upload.Upload[] };

export class ApiClient {
  readonly baseUrl: URL;
  readonly #token: string;

  constructor(baseUrl: URL, token: string) {
    this.baseUrl = baseUrl;
    this.#token = token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path.replace(/^\//, ""), this.baseUrl.href.endsWith("/") ? this.baseUrl : this.baseUrl.href + "/");
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { Authorization: `Bearer ${this.#token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new CliError(describeNetworkError(error, `Fleetdrop at ${this.baseUrl.origin}`));
    }
    const text = await res.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(res.status, error?.code ?? "http_error", error?.message ?? `The API answered ${res.status}.`);
    }
    return parsed as T;
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

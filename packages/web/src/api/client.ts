/**
 * The admin API over fetch: one method per route, errors as ApiError with the contract's code.
 * Routes of CONTRACT §6 that an older API lacks answer 404 `not_found`; those methods return null
 * so the screens can fall back.
 */
import type {
  Credentials,
  Declaration,
  DownloadPage,
  FleetSummary,
  Intent,
  MachineDetail,
  MachinePage,
  Upload,
} from "./types.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiClient {
  readonly baseUrl: string;
  checkToken(): Promise<void>;
  listMachines(cursor: string | null, limit?: number): Promise<MachinePage>;
  getMachine(machineId: string): Promise<MachineDetail>;
  register(machineId: string, label: string | undefined): Promise<Credentials>;
  rotateToken(machineId: string): Promise<Credentials>;
  remove(machineId: string): Promise<void>;
  declare(declaration: Declaration): Promise<Intent>;
  getUpload(uploadId: string): Promise<Upload>;
  fleet(): Promise<FleetSummary | null>;
  downloads(machineId: string, cursor: string | null): Promise<DownloadPage | null>;
}

const segment = encodeURIComponent;

export function createApiClient(
  baseUrl: string,
  token: string,
  fetchImpl: typeof fetch = fetch.bind(globalThis),
): ApiClient {
  const root = baseUrl.replace(/\/+$/, "");

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(root + path, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(
        0,
        "network_error",
        `Cannot reach the API at ${root}. Is it running, and does it allow this origin?`,
      );
    }
    const text = await response.text();
    const parsed = text ? parseJson(text) : undefined;
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? "http_error",
        error?.message ?? `The API answered ${response.status}.`,
      );
    }
    return parsed as T;
  }

  /** A route of CONTRACT §6 that this API may not have yet: its 404 `not_found` becomes null. */
  async function optional<T>(path: string): Promise<T | null> {
    try {
      return await call<T>("GET", path);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && error.code === "not_found") return null;
      throw error;
    }
  }

  return {
    baseUrl: root,
    async checkToken() {
      await call("GET", "/machines?limit=1");
    },
    listMachines: (cursor, limit = 100) =>
      call("GET", `/machines?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
    getMachine: (machineId) => call("GET", `/machines/${segment(machineId)}`),
    register: (machineId, label) => call("POST", "/machines", label ? { machineId, label } : { machineId }),
    rotateToken: (machineId) => call("POST", `/machines/${segment(machineId)}/token`),
    remove: (machineId) => call("DELETE", `/machines/${segment(machineId)}`),
    declare: (declaration) => call("POST", "/uploads", declaration),
    getUpload: (uploadId) => call("GET", `/uploads/${segment(uploadId)}`),
    fleet: () => optional("/fleet"),
    downloads: (machineId, cursor) =>
      optional(
        `/machines/${segment(machineId)}/downloads?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      ),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

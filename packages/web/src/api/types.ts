/**
 * The API's shapes as the dashboard reads them (CONTRACT §2 and §6). Written out rather than
 * imported from @fleetdrop/core: core's schemas bring zod and Node types into the browser bundle.
 * §6 fields are optional so the dashboard works against an API that does not have them yet.
 */
export type UploadStatus = "pending" | "active" | "superseded" | "rejected" | "expired";
export type DeliveryState = "no_file" | "waiting" | "downloaded" | "installed" | "failed";
export const deliveryStates: readonly DeliveryState[] = ["no_file", "waiting", "downloaded", "installed", "failed"];

export interface MachineFile {
  uploadId: string;
  filename: string;
  size: number;
  sha256: string;
  contentType: string;
  activatedAt: string;
}

export interface Delivery {
  uploadId: string | null;
  state: DeliveryState;
  downloadedAt?: string;
  reportedAt?: string;
  message?: string;
  exitCode?: number;
}

export interface Machine {
  machineId: string;
  label: string | null;
  createdAt: string;
  file: MachineFile | null;
  lastDownloadAt: string | null;
  downloadCount: number;
  /** §6; absent on an API without delivery feedback. */
  lastSeenAt?: string | null;
  delivery?: Delivery;
  stale?: boolean;
}

export interface Upload {
  uploadId: string;
  machineId: string;
  filename: string;
  size: number;
  sha256: string;
  status: UploadStatus;
  reason?: string;
  createdAt: string;
  activatedAt?: string;
}

export interface MachineDetail extends Machine {
  uploads: Upload[];
}

export interface MachinePage {
  machines: Machine[];
  nextCursor: string | null;
}

export interface Credentials {
  machineId: string;
  token: string;
}

export interface Intent {
  uploadId: string;
  machineId: string;
  key: string;
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface Declaration {
  machineId: string;
  filename: string;
  size: number;
  sha256: string;
  contentType?: string;
}

export interface FleetSummary {
  machines: number;
  states: Record<DeliveryState, number>;
  stale: number;
  /** null when the API has no GET /fleet and the dashboard cannot know it. */
  rejectedUploads24h: number | null;
  updatedAt: string;
}

export interface DownloadEntry {
  at: string;
  uploadId: string;
  sourceIp: string;
  userAgent: string;
}

export interface DownloadPage {
  downloads: DownloadEntry[];
  nextCursor: string | null;
}

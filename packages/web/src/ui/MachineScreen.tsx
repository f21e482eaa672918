/** One machine: its file, delivery, history and download log; upload, rotate token, remove. */
import { useQuery } from "@tanstack/react-query";
import { ApiError } from "../api/client.ts";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { DownloadLog } from "./DownloadLog.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { FileHistory } from "./FileHistory.tsx";
import { useNow } from "./hooks.ts";
import { MachineOverview } from "./MachineOverview.tsx";
import { RemoveMachine } from "./RemoveMachine.tsx";
import { RotateToken } from "./RotateToken.tsx";
import { REFRESH_MS } from "./refresh.ts";
import { StaleTag, StateBadge } from "./StateBadge.tsx";
import { UploadPanel } from "./UploadPanel.tsx";

export function MachineScreen({ machineId }: { machineId: string }) {
  const api = useApi();
  const now = useNow();
  const detail = useQuery({
    queryKey: ["machine", machineId],
    queryFn: () => api.getMachine(machineId),
    refetchInterval: REFRESH_MS,
  });

  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <>
        <h1>{machineId}</h1>
        <p role="alert">
          No machine has this id. <a href={href.fleet}>Back to the fleet</a>
        </p>
      </>
    );
  }
  if (!detail.data) return detail.error ? <ErrorNote error={detail.error} /> : <p>Loading {machineId}…</p>;
  const machine = detail.data;

  return (
    <>
      <p className="small">
        <a href={href.fleet}>Fleet</a> / {machine.machineId}
      </p>
      <div className="title-row">
        <h1>{machine.machineId}</h1>
        <StateBadge machine={machine} /> <StaleTag machine={machine} />
      </div>
      {machine.label && <p className="muted">{machine.label}</p>}
      <MachineOverview machine={machine} now={now} />
      <div className="columns">
        <UploadPanel machineId={machine.machineId} />
        <RotateToken machineId={machine.machineId} />
      </div>
      <FileHistory machine={machine} />
      <DownloadLog machineId={machine.machineId} />
      <RemoveMachine machineId={machine.machineId} />
    </>
  );
}

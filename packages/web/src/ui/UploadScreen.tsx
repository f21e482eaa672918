/** Upload to any machine: pick it, then the same panel as on the machine's own screen. */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { allMachines } from "../api/paging.ts";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { UploadPanel } from "./UploadPanel.tsx";

export function UploadScreen() {
  const api = useApi();
  const [machineId, setMachineId] = useState("");
  const machines = useQuery({
    queryKey: ["machines"],
    queryFn: () => allMachines((cursor) => api.listMachines(cursor)),
  });
  return (
    <>
      <h1>Upload</h1>
      <p className="muted">
        One file for one machine. For many machines at once use <a href={href.bulk}>bulk upload</a>.
      </p>
      {machines.error && <ErrorNote error={machines.error} />}
      <div className="stack narrow-form">
        <label htmlFor="upload-machine">Machine</label>
        <select id="upload-machine" value={machineId} onChange={(e) => setMachineId(e.target.value)}>
          <option value="">Choose a machine…</option>
          {(machines.data ?? []).map((machine) => (
            <option key={machine.machineId} value={machine.machineId}>
              {machine.machineId}
              {machine.label ? ` — ${machine.label}` : ""}
            </option>
          ))}
        </select>
      </div>
      {machineId && <UploadPanel key={machineId} machineId={machineId} />}
    </>
  );
}

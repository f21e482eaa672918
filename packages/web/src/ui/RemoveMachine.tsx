/** Removing a machine deletes its file and history: the id must be typed to confirm. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { ErrorNote } from "./ErrorNote.tsx";

export function RemoveMachine({ machineId }: { machineId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const remove = useMutation({
    mutationFn: () => api.remove(machineId),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["machine", machineId] });
      await queryClient.invalidateQueries({ queryKey: ["machines"] });
      location.hash = href.fleet;
    },
  });
  return (
    <section className="card danger-zone" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Remove this machine</h2>
      <p>Its token stops working, and its file and upload history are deleted. This cannot be undone.</p>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed === machineId) remove.mutate();
        }}
      >
        <label htmlFor={inputId}>
          Type <strong>{machineId}</strong> to confirm
        </label>
        <input
          id={inputId}
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="danger" disabled={typed !== machineId || remove.isPending}>
          Remove {machineId}
        </button>
      </form>
      {remove.error && <ErrorNote error={remove.error} />}
    </section>
  );
}

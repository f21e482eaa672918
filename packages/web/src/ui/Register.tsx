/** Register a machine: id and label in, its token out, shown once with the setup snippet. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Credentials } from "../api/types.ts";
import { href } from "../route.ts";
import { useApi } from "./App.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { TokenReveal } from "./TokenReveal.tsx";

export const machineIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function Register() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [machineId, setMachineId] = useState("");
  const [label, setLabel] = useState("");
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const idProblem =
    machineId && !machineIdPattern.test(machineId)
      ? "1–64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit."
      : null;
  const register = useMutation({
    mutationFn: () => api.register(machineId, label.trim() || undefined),
    onSuccess: async (result) => {
      setCredentials(result);
      setMachineId("");
      setLabel("");
      await queryClient.invalidateQueries({ queryKey: ["machines"] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (machineId && !idProblem) register.mutate();
  };

  return (
    <>
      <h1>Register a machine</h1>
      <form className="stack narrow-form" onSubmit={submit}>
        <label htmlFor="machine-id">Machine id</label>
        <input
          id="machine-id"
          required
          autoComplete="off"
          spellCheck={false}
          value={machineId}
          onChange={(e) => setMachineId(e.target.value)}
          aria-invalid={idProblem ? true : undefined}
          aria-describedby="machine-id-help"
        />
        <p id="machine-id-help" className={idProblem ? "error small" : "muted small"}>
          {idProblem ?? "Letters, digits, '.', '_' or '-'; up to 64 characters. Case-sensitive."}
        </p>
        <label htmlFor="machine-label">Label (optional)</label>
        <input id="machine-label" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" disabled={!machineId || Boolean(idProblem) || register.isPending}>
          Register
        </button>
        {register.error && <ErrorNote error={register.error} />}
      </form>
      {credentials && (
        <>
          <TokenReveal apiUrl={api.baseUrl} credentials={credentials} />
          <p>
            <a href={href.machine(credentials.machineId)}>Open {credentials.machineId}</a> to upload its first file.
          </p>
        </>
      )}
    </>
  );
}

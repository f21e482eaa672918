/** Replaces a machine's token after a confirmation, and shows the new one once. */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Credentials } from "../api/types.ts";
import { useApi } from "./App.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { TokenReveal } from "./TokenReveal.tsx";

export function RotateToken({ machineId }: { machineId: string }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const rotate = useMutation({
    mutationFn: () => api.rotateToken(machineId),
    onSuccess: (result) => {
      setCredentials(result);
      setConfirming(false);
    },
  });
  return (
    <section className="card" aria-labelledby="rotate-heading">
      <h2 id="rotate-heading">Token rotation</h2>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Rotate token
        </button>
      ) : (
        <div className="stack">
          <p>The current token stops working at once. The machine needs the new one.</p>
          <div className="row">
            <button type="button" className="danger" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              Rotate now
            </button>
            <button type="button" className="quiet" onClick={() => setConfirming(false)}>
              Keep the current token
            </button>
          </div>
        </div>
      )}
      {rotate.error && <ErrorNote error={rotate.error} />}
      {credentials && <TokenReveal apiUrl={api.baseUrl} credentials={credentials} />}
    </section>
  );
}

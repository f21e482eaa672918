/** Sign-in with the admin token, checked against the API before it is kept for this tab. */
import { type FormEvent, useState } from "react";
import { ApiError, createApiClient } from "../api/client.ts";

export function SignIn({ apiUrl, onSignedIn }: { apiUrl: string; onSignedIn: (token: string) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) return setError("Paste the admin token first.");
    setChecking(true);
    setError(null);
    try {
      await createApiClient(apiUrl, candidate).checkToken();
      onSignedIn(candidate);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? "The API did not accept that token. Check it and try again."
          : caught instanceof Error
            ? caught.message
            : String(caught),
      );
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="narrow">
      <h1>Fleetdrop</h1>
      <p className="muted">Sign in with the admin token. It is kept for this browser tab only.</p>
      <form onSubmit={submit} className="stack" aria-describedby={error ? "signin-error" : undefined}>
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" disabled={checking}>
          {checking ? "Checking…" : "Sign in"}
        </button>
        {error && (
          <p id="signin-error" role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <p className="muted small">
        API: <code>{apiUrl}</code>. Locally the token is in <code>.fleetdrop/admin-token</code>.
      </p>
    </main>
  );
}

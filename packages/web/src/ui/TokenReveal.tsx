/** A machine token, shown this once, with what to paste on the machine. */
import type { Credentials } from "../api/types.ts";
import { CopyButton } from "./CopyButton.tsx";

export function machineSetup(apiUrl: string, { machineId, token }: Credentials): string {
  return [
    `# On ${machineId}: fetch its file (sends the token to the API only)`,
    `curl -fsSL -H "Authorization: Bearer ${token}" \\`,
    `  "${apiUrl}/download?machine_id=${encodeURIComponent(machineId)}" -o fleetdrop-file`,
    "",
    "# Or keep the settings for the agent / fleetdrop fetch",
    `export FLEETDROP_URL=${apiUrl} FLEETDROP_MACHINE_ID=${machineId} FLEETDROP_MACHINE_TOKEN=${token}`,
  ].join("\n");
}

export function TokenReveal({ apiUrl, credentials }: { apiUrl: string; credentials: Credentials }) {
  const setup = machineSetup(apiUrl, credentials);
  return (
    <section className="card reveal" aria-labelledby="token-heading">
      <h2 id="token-heading">Token for {credentials.machineId}</h2>
      <p>It is shown this once. Copy it now; Fleetdrop keeps only its hash.</p>
      <div className="row">
        <label htmlFor="machine-token" className="visually-hidden">
          Machine token
        </label>
        <input
          id="machine-token"
          className="mono grow"
          readOnly
          value={credentials.token}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton value={credentials.token} label="Copy token" />
      </div>
      <h3>Machine setup</h3>
      <div className="snippet">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useAriaPropsSupportedByRole: a scrollable block must be reachable by keyboard (axe: scrollable-region-focusable) */}
        <pre tabIndex={0} aria-label="Machine setup commands">
          <code>{setup}</code>
        </pre>
        <CopyButton value={setup} label="Copy setup commands" />
      </div>
    </section>
  );
}

/**
 * Where the API is. A deployed build has it baked in (VITE_API_URL, set by infra/web.ts); the
 * local stack serves the dashboard with a same-origin /config.json naming its API, whose port is
 * only known at start.
 */
export async function loadApiUrl(): Promise<string> {
  const built = import.meta.env.VITE_API_URL;
  if (built) return built;
  const response = await fetch("config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json answered ${response.status}; this build has no VITE_API_URL either.`);
  const { apiUrl } = (await response.json()) as { apiUrl?: unknown };
  if (typeof apiUrl !== "string" || !apiUrl) throw new Error("config.json names no apiUrl.");
  return apiUrl;
}

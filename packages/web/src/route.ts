/** Hash routes (`#/machines/press-01`): no server rewrites needed, and nothing secret in them. */
import { useEffect, useState } from "react";

export type Route =
  | { screen: "fleet" }
  | { screen: "machine"; machineId: string }
  | { screen: "register" }
  | { screen: "upload" }
  | { screen: "bulk" };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "");
  const machine = /^\/machines\/([^/]+)$/.exec(path);
  if (machine) return { screen: "machine", machineId: decodeURIComponent(machine[1]!) };
  if (path === "/register") return { screen: "register" };
  if (path === "/upload") return { screen: "upload" };
  if (path === "/bulk") return { screen: "bulk" };
  return { screen: "fleet" };
}

export const href = {
  fleet: "#/",
  machine: (machineId: string) => `#/machines/${encodeURIComponent(machineId)}`,
  register: "#/register",
  upload: "#/upload",
  bulk: "#/bulk",
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}

/** Signed out: the sign-in form. Signed in: the header, the navigation and the current screen. */
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useMemo, useState } from "react";
import { type ApiClient, createApiClient } from "../api/client.ts";
import { href, type Route, useRoute } from "../route.ts";
import { session } from "../session.ts";
import { BulkUpload } from "./BulkUpload.tsx";
import { Fleet } from "./Fleet.tsx";
import { MachineScreen } from "./MachineScreen.tsx";
import { Register } from "./Register.tsx";
import { SignIn } from "./SignIn.tsx";
import { UploadScreen } from "./UploadScreen.tsx";

const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside a signed-in App");
  return api;
}

export function App({ apiUrl }: { apiUrl: string }) {
  const [token, setToken] = useState(session.read);
  const queryClient = useQueryClient();
  const route = useRoute();
  const api = useMemo(() => (token ? createApiClient(apiUrl, token) : null), [apiUrl, token]);

  if (!api) {
    return (
      <SignIn
        apiUrl={apiUrl}
        onSignedIn={(accepted) => {
          session.write(accepted);
          setToken(accepted);
        }}
      />
    );
  }

  const signOut = () => {
    session.clear();
    queryClient.clear();
    setToken(null);
  };

  return (
    <ApiContext.Provider value={api}>
      <header className="top">
        <a className="brand" href={href.fleet}>
          Fleetdrop
        </a>
        <nav aria-label="Main">
          <NavLink to={href.fleet} current={route.screen === "fleet"}>
            Fleet
          </NavLink>
          <NavLink to={href.register} current={route.screen === "register"}>
            Register
          </NavLink>
          <NavLink to={href.upload} current={route.screen === "upload"}>
            Upload
          </NavLink>
          <NavLink to={href.bulk} current={route.screen === "bulk"}>
            Bulk upload
          </NavLink>
        </nav>
        <button type="button" className="quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Screen route={route} />
      </main>
    </ApiContext.Provider>
  );
}

function NavLink({ to, current, children }: { to: string; current: boolean; children: string }) {
  return (
    <a href={to} aria-current={current ? "page" : undefined}>
      {children}
    </a>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case "fleet":
      return <Fleet />;
    case "machine":
      return <MachineScreen key={route.machineId} machineId={route.machineId} />;
    case "register":
      return <Register />;
    case "upload":
      return <UploadScreen />;
    case "bulk":
      return <BulkUpload />;
  }
}

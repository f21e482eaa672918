import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadApiUrl } from "./config.ts";
import { App } from "./ui/App.tsx";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});

loadApiUrl().then(
  (apiUrl) =>
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <App apiUrl={apiUrl} />
        </QueryClientProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <main className="narrow">
        <h1>Fleetdrop</h1>
        <p role="alert">The dashboard cannot find its API: {error instanceof Error ? error.message : String(error)}</p>
      </main>,
    ),
);

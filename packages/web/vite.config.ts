import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin } from "vite";
import { connectSources, contentSecurityPolicy } from "./csp.ts";

/** Puts the CSP <meta> first in <head>, before anything it governs. */
function csp(policy: string): Plugin {
  return {
    name: "fleetdrop-csp",
    transformIndexHtml: () => [
      { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: policy }, injectTo: "head-prepend" },
    ],
  };
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), "VITE_"), ...process.env };
  return {
    plugins: [react(), csp(contentSecurityPolicy(connectSources(env)))],
    // Relative asset URLs: the same build works from any path.
    base: "./",
    build: { target: "es2022", sourcemap: false, reportCompressedSize: false },
    worker: { format: "es" },
  };
});

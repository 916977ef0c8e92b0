import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The UI is served by `reinforge serve` from web/dist at the same origin as the API, so the
// build needs no proxy or base URL; `npm run dev` proxies /api to a local server for UI work.
export default defineConfig({
  plugins: [react()],
  // The server's Content-Security-Policy allows <style> elements only with the nonce it puts in
  // place of this placeholder on every page it serves (src/http/static_files.cpp); the code
  // editor reads it from the <meta property="csp-nonce"> Vite adds (docs/access.md, "Hardened HTTP").
  html: { cspNonce: "REINFORGE_CSP_NONCE" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});

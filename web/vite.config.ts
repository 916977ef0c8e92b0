import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The UI is served by `reinforge serve` from web/dist at the same origin as the API, so the
// build needs no proxy or base URL; `npm run dev` proxies /api to a local server for UI work.
export default defineConfig({
  plugins: [react()],
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

// Vite and Vitest configuration for the Claimtrail desktop UI. Tauri loads the
// dev server on a fixed port in development and the built `dist/` in release.
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// Set by `tauri dev` when running on a phone or another machine on the LAN.
const host = process.env.TAURI_DEV_HOST;

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  // Keep the Rust compiler's output visible in the same terminal.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host ? { protocol: "ws", host, port: 1421 } : undefined,
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    // The webviews Tauri 2 supports (WebKitGTK 2.40+, WKWebView, WebView2) all run ES2021.
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: !!process.env.TAURI_ENV_DEBUG,
    // The CSP allows no inline scripts, so never inline the module-preload polyfill.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "jsdom",
    // The origin Tauri serves the app from on Windows. jsdom treats the Linux and
    // macOS origin, tauri://localhost, as opaque and refuses to start with it.
    environmentOptions: { jsdom: { url: "http://tauri.localhost/" } },
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/tests/setup.ts"],
  },
});

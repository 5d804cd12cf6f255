// Opens exports where they are published: headless Chromium (the Debian
// package) driven by its own chromedriver through WebdriverIO, and a local
// web server for the pages, the exported files and TimelineJS from its npm
// package. Nothing is fetched from the network.
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { freePort, session, waitForPort } from "./ports.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** TimelineJS's built files, from its npm package; serve them under /tl/. */
export const TIMELINEJS = path.resolve("node_modules/@knight-lab/timelinejs/dist");

/** A page that shows the timeline at `source` (a path on the same server,
 * `.json` or `.csv`) with TimelineJS served under /tl/, as a newsroom embeds
 * one; it collects script errors in `window.__errors` and sets
 * `window.__ready` when TimelineJS says it is. */
export function timelinePage(source) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Timeline</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/tl/css/timeline.css">
<script>window.__errors = []; addEventListener("error", (e) => __errors.push(String(e.message)));</script>
<script src="/tl/js/timeline.js"></script>
</head><body style="margin:0">
<div id="timeline" style="width:100vw;height:100vh"></div>
<script>
  window.timeline = new TL.Timeline("timeline", location.origin + ${JSON.stringify(source)}, { script_path: location.origin + "/tl/js/", language: "en" });
  timeline.on("ready", () => { window.__ready = true; });
</script></body></html>`;
}
const CHROMEDRIVER = process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver";

/** A headless Chromium session at 1280×900. */
export async function startChromium() {
  const port = await freePort();
  const driver = spawn(CHROMEDRIVER, [`--port=${port}`], { stdio: ["ignore", "ignore", "inherit"] });
  await waitForPort(port);
  const browser = await session(port, {
    browserName: "chrome",
    "goog:chromeOptions": {
      binary: CHROMIUM,
      args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--lang=en-GB"],
    },
    "goog:loggingPrefs": { browser: "ALL" },
    "wdio:enforceWebDriverClassic": true,
  });
  return {
    browser,
    async stop() {
      try {
        await browser.deleteSession();
      } finally {
        driver.kill();
      }
    },
  };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

/** Serves `pages` (a map of path → text) and the files under `roots`
 * (a map of URL prefix → folder) on a free local port. */
export async function serve({ pages = {}, roots = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const name = decodeURIComponent(url.pathname);
    if (name in pages) {
      res.writeHead(200, { "content-type": TYPES[path.extname(name)] ?? "text/plain; charset=utf-8" });
      res.end(pages[name]);
      return;
    }
    for (const [prefix, folder] of Object.entries(roots)) {
      if (!name.startsWith(prefix)) continue;
      const file = path.join(folder, path.normalize(name.slice(prefix.length)));
      if (!file.startsWith(folder)) break;
      try {
        if (statSync(file).isFile()) {
          res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
          res.end(readFileSync(file));
          return;
        }
      } catch {
        // not there
      }
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** TimelineJS's stylesheet loads its typefaces from Google Fonts, which
 * this offline machine cannot reach; that is TimelineJS's own, not ours. */
const OFFLINE_FONTS = /^https:\/\/fonts\.(gstatic|googleapis)\.com\/.* net::ERR_NAME_NOT_RESOLVED$/;

/** The browser's console messages at level SEVERE since the last call
 * (but the fonts above). */
export async function severeLogs(browser) {
  const logs = await browser.getLogs("browser").catch(() => []);
  return logs
    .filter((l) => l.level === "SEVERE")
    .map((l) => l.message)
    .filter((m) => !OFFLINE_FONTS.test(m));
}

// Starts the real Claimtrail window for one end-to-end test: tauri-driver
// (which drives WebKitWebDriver) on a free port, then a WebdriverIO session
// whose application is the built app binary. Needs DISPLAY (xvfb-run).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { freePort, session, waitForPort } from "./ports.mjs";

export const fixtures = process.env.CLAIMTRAIL_FIXTURES ?? path.resolve("../tests/fixtures");
export const screenshots = path.resolve("e2e/screenshots");
mkdirSync(screenshots, { recursive: true });

/** Opens the app on a fresh temporary workspace, or on the one in `dir` (to
 * see what survives a restart). `pick` lists the files the "Import files…"
 * dialog returns (CLAIMTRAIL_E2E_PICK); `env` adds variables (GTK_THEME). */
export async function startApp({ pick = [], dir = null, env: extraEnv = {} } = {}) {
  if (!process.env.DISPLAY) throw new Error("no DISPLAY: run under xvfb-run (scripts/e2e.sh)");
  const application = process.env.CLAIMTRAIL_APP;
  if (!application) throw new Error("CLAIMTRAIL_APP must name the built app binary");
  dir ??= mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-"));
  const env = {
    ...process.env,
    // A new workspace gets this user, so nobody is asked who they are;
    // `env: { CLAIMTRAIL_USER: "" }` starts with the first-launch question.
    CLAIMTRAIL_USER: "E2E Reporter",
    // Matching by meaning reads every imported article in the background,
    // which would take a core from the other tests: on only where a test
    // gives the model (`env: { CLAIMTRAIL_MODEL: modelFile }`).
    CLAIMTRAIL_MODEL: "off",
    ...extraEnv,
    CLAIMTRAIL_DB: path.join(dir, "workspace.db"),
    // The app's log stays with the test's workspace.
    CLAIMTRAIL_LOG_DIR: path.join(dir, "logs"),
  };
  if (pick.length) env.CLAIMTRAIL_E2E_PICK = pick.join(path.delimiter);
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForPort(port);
  const browser = await session(port, {
    browserName: "wry",
    "tauri:options": { application },
    "wdio:enforceWebDriverClassic": true,
  });
  return {
    browser,
    dir,
    async stop() {
      try {
        await browser.deleteSession();
      } finally {
        driver.kill();
        // Should the app outlive its driver (a session that did not end
        // cleanly), it would hold the test runner's stderr open and the
        // whole run would wait for it: end every process started on this
        // workspace.
        killStrays(env.CLAIMTRAIL_DB);
        // What went wrong inside the app shows in the test's output: a
        // command that failed or waited (a pool timeout), a panic.
        printTroubles(path.join(dir, "logs"));
      }
    },
  };
}

/** Prints the warnings and errors an app logged in `logs` (the last 30 of
 * each file; a panic among them). */
export function printTroubles(logs) {
  if (!existsSync(logs)) return;
  for (const file of readdirSync(logs)) {
    const troubles = readFileSync(path.join(logs, file), "utf8")
      .split("\n")
      .filter((line) => / (WARN|ERROR) /.test(line));
    if (troubles.length) console.error(`${logs}/${file}:\n${troubles.slice(-30).join("\n")}`);
  }
}

/** Kills the processes (the app, its WebKit helpers) whose environment
 * names this workspace file. */
function killStrays(db) {
  const mark = `CLAIMTRAIL_DB=${db}`;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid) continue;
    let environ = "";
    try {
      environ = readFileSync(`/proc/${pid}/environ`, "latin1");
    } catch {
      continue; // gone already, or not ours to read
    }
    if (environ.split("\0").includes(mark)) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // exited meanwhile
      }
    }
  }
}

/** The sentence-embedding model where scripts/model.sh puts it. */
export const modelFile = path.join(
  process.env.XDG_DATA_HOME ?? path.join(homedir(), ".local", "share"),
  "claimtrail",
  "models",
  "multilingual-e5-small-q4.bin",
);

/** `[data-testid=...]` */
export const tid = (id) => `[data-testid="${id}"]`;

/** Saves a screenshot after letting the webview paint a frame. */
export async function shot(browser, name) {
  await browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await browser.saveScreenshot(path.join(screenshots, `${name}.png`));
}

/** Opens Paste text, fills it with `text` and submits it; the caller waits
 * for the outcome (`paste-outcome`). */
export async function pasteText(browser, text) {
  await (await browser.$(tid("paste-button"))).click();
  const area = await browser.$(tid("paste-textarea"));
  await area.waitForDisplayed();
  await browser.execute(
    (el, t) => {
      el.value = t;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    area,
    text,
  );
  await (await browser.$(tid("paste-submit"))).click();
}

/** Selects `text` in the reader with a DOM range and releases the mouse, as
 * a drag does; fails the test when the reader does not show it. */
export async function selectText(browser, text) {
  const found = await browser.execute((text) => {
    const body = document.querySelector('[data-testid="reader-body"]');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.data.indexOf(text);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + text.length);
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      body.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return true;
    }
    return false;
  }, text);
  if (!found) throw new Error(`the reader does not show “${text}”`);
}

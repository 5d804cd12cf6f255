// The installed package, not the build tree: run by scripts/package-test.sh
// after `apt install ./target/packages/…deb`, with CLAIMTRAIL_INSTALLED=1 and
// CLAIMTRAIL_APP naming the installed app. The installed `claimtrail` imports
// an article, the installed app opens that workspace under Xvfb through the
// same WebDriver harness, shows it in the library, and its About names the
// version the command line reports. Skipped in the ordinary e2e run.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const installed = process.env.CLAIMTRAIL_INSTALLED === "1";
let app;

after(async () => {
  await app?.stop();
});

test("the installed app opens a workspace the installed command line wrote", { skip: !installed && "only after installing the package (scripts/package-test.sh)" }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-installed-"));
  const env = { ...process.env, CLAIMTRAIL_DB: path.join(dir, "workspace.db"), CLAIMTRAIL_LOG_DIR: path.join(dir, "logs"), CLAIMTRAIL_USER: "E2E Reporter" };
  const version = execFileSync("claimtrail", ["--version"], { env, encoding: "utf8" }).trim();
  assert.match(version, /^claimtrail \d+\.\d+\.\d+/);
  execFileSync("claimtrail", ["import", path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt")], { env, stdio: "ignore" });

  app = await startApp({ dir });
  const browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  await (await browser.$(tid("help-button"))).click();
  await (await browser.$(tid("open-about"))).click();
  const shown = await browser.$(tid("about-version"));
  await browser.waitUntil(async () => (await shown.getText()) !== "", { timeout: 10000, timeoutMsg: "About shows the version" });
  assert.equal(`claimtrail ${await shown.getText()}`, version, "the app and the command line are the same release");
  assert.match(await (await browser.$(tid("about-places"))).getText(), /workspace-backups/);
  await shot(browser, "installed-01-about");
});

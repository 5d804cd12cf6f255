// Backups in the real window: Back up now, a mistake (a second article),
// Restore… asked first, and the library as it was; the restore is itself
// listed, so it can be undone. Then a damaged workspace: the window says so
// and its Backups… restores the newest good copy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot, pasteText } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-backups-"));
const db = path.join(dir, "workspace.db");
const env = { ...process.env, CLAIMTRAIL_DB: db, CLAIMTRAIL_LOG_DIR: dir, CLAIMTRAIL_USER: "E2E Reporter" };
const cli = (...args) => execFileSync(CLI, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let app;
let browser;
const text = async (id) => (await browser.$(tid(id))).getProperty("textContent");

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI})`);
  cli("import", path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"));
});

after(async () => {
  await app?.stop();
});

async function start() {
  await app?.stop();
  app = await startApp({ dir });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
}

async function openBackups() {
  await (await browser.$(tid("workspace-menu"))).click();
  await (await browser.$(tid("backups-open"))).click();
  await (await browser.$(tid("backups-dialog"))).waitForDisplayed({ timeout: 5000 });
}

test("back up now, make a mistake, restore the backup: the library as it was, and the restore listed", async () => {
  await start();
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  await openBackups();
  await (await browser.$(tid("backups-empty"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "backups-01-empty");
  await (await browser.$(tid("backup-now"))).click();
  await (await browser.$(tid("backup"))).waitForDisplayed({ timeout: 15000 });
  await shot(browser, "backups-02-made");
  await (await browser.$(tid("backups-close"))).click();

  // The mistake: a second article pasted in.
  await pasteText(browser, "A note pasted by mistake\n\nThis paragraph was never meant to be in the workspace at all.");
  await (await browser.$(tid("paste-outcome"))).waitForDisplayed({ timeout: 15000 });
  await browser.keys("Escape");
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 2, { timeout: 10000, timeoutMsg: "two articles" });

  await openBackups();
  await (await browser.$(tid("backup-restore"))).click();
  const message = await browser.$(tid("confirm-message"));
  await message.waitForDisplayed({ timeout: 5000 });
  assert.match(await text("confirm-message"), /kept in the backups folder/);
  await shot(browser, "backups-03-confirm");
  await (await browser.$(tid("confirm-button"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 1, {
    timeout: 20000,
    timeoutMsg: "the library as backed up",
  });
  await shot(browser, "backups-04-restored");
  await openBackups();
  await browser.waitUntil(async () => /Replaced by a restore/.test(await text("backups-list").catch(() => "")), {
    timeout: 10000,
    timeoutMsg: "the replaced workspace is listed",
  });
  await shot(browser, "backups-05-listed");
  await (await browser.$(tid("backups-close"))).click();
});

test("a damaged workspace is not opened; its Backups… restores the newest good copy", async () => {
  await app.stop();
  app = null;
  // Garbage over every page but the first.
  cli("audit", "verify");
  const bytes = readFileSync(db);
  bytes.fill(0x5a, 4096);
  writeFileSync(db, bytes);
  await start();
  await (await browser.$(tid("no-workspace"))).waitForDisplayed({ timeout: 20000 });
  assert.match(await text("no-workspace"), /is damaged/);
  await shot(browser, "backups-06-damaged");
  await (await browser.$(tid("no-workspace-backups"))).click();
  await (await browser.$(tid("backups-dialog"))).waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("backup-restore"))).click();
  await (await browser.$(tid("confirm-button"))).click();
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  await shot(browser, "backups-07-back");
});

// The app crashed at its last run (the note a panic leaves beside the log):
// the next start says so, that the work is saved, and where the log folder
// is, instead of acting as if nothing happened. The note is told once.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, tid, shot } from "./app.mjs";

let app;

after(async () => {
  await app?.stop();
});

test("a crash at the last run is told at the next start, with the log folder", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-crash-"));
  const logs = path.join(dir, "logs");
  mkdirSync(logs, { recursive: true });
  const note = path.join(logs, "crashed.txt");
  writeFileSync(note, "2026-12-06T09:12:00+01:00\ncalled `…` on a `…` value (at src/search/mod.rs:12)\n");

  app = await startApp({ dir });
  const browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  const dialog = await browser.$(tid("crash-dialog"));
  await dialog.waitForDisplayed({ timeout: 20000 });
  assert.match(await dialog.getText(), /Claimtrail closed unexpectedly/);
  assert.match(await dialog.getText(), /Your work is saved/);
  assert.equal(await (await browser.$(tid("crash-log-folder"))).getText(), logs);
  await shot(browser, "crash-01-told-at-start");
  assert.equal(existsSync(note), false, "the note is told once");
});

// The app and the command line writing one workspace at once, while a third
// program (the sqlite3 shell) holds its write lock: both writers wait and
// say so (the window with a banner, the command on stderr), both changes go
// in once the lock is let go, and the workspace checks out whole.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot, pasteText } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-writers-"));
const db = path.join(dir, "workspace.db");
const env = { ...process.env, CLAIMTRAIL_DB: db, CLAIMTRAIL_LOG_DIR: dir, CLAIMTRAIL_USER: "E2E Reporter" };
const cli = (...args) => execFileSync(CLI, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let app;

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI})`);
  cli("import", path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"));
});

after(async () => {
  await app?.stop();
});

/** Runs a child to its end: its exit code and stderr. */
function finished(child) {
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

test("the window and a command wait for a held workspace, say so, and both changes go in", async () => {
  app = await startApp({ dir });
  const browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });

  // Another program takes the write lock and keeps it until told.
  const holder = spawn("sqlite3", [db], { stdio: ["pipe", "ignore", "pipe"] });
  holder.stdin.write("PRAGMA busy_timeout = 5000;\nBEGIN IMMEDIATE;\nSELECT 1;\n");
  await new Promise((r) => setTimeout(r, 500));

  await pasteText(browser, "Council notes from the desk\n\nThe council said the bridge would reopen in March, a date the contractor disputed.");
  const banner = await browser.$(tid("waiting-banner"));
  await banner.waitForDisplayed({ timeout: 5000 });
  assert.match(await banner.getText(), /another program .* is saving to this workspace/);

  const note = path.join(dir, "wire-note.txt");
  writeFileSync(note, "Wire note on the harbour\n\nThe port authority said 40 ships were delayed on Tuesday.\n");
  const command = finished(spawn(CLI, ["import", note], { env, stdio: ["ignore", "ignore", "pipe"] }));
  await new Promise((r) => setTimeout(r, 1800));
  await shot(browser, "writers-01-waiting");

  holder.stdin.end("COMMIT;\n");
  const { code, stderr } = await command;
  assert.equal(code, 0, stderr);
  assert.match(stderr, /Waiting: another program/, "the command said it waited");
  assert.match(stderr, /imported: .*wire-note\.txt/);

  await (await browser.$(tid("paste-outcome"))).waitForDisplayed({ timeout: 15000 });
  await banner.waitForDisplayed({ reverse: true, timeout: 5000 });
  await browser.keys("Escape");
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length >= 2, {
    timeout: 10000,
    timeoutMsg: "the pasted article is in the library",
  });
  await shot(browser, "writers-02-both-in");
  await app.stop();
  app = null;

  const titles = JSON.parse(cli("articles", "--json")).map((a) => a.title);
  assert.deepEqual(titles.filter((t) => /Council notes|Wire note/.test(t)).sort(), ["Council notes from the desk", "Wire note on the harbour"]);
  assert.match(cli("audit", "verify"), /The audit log is intact/);
  assert.equal(execFileSync("sqlite3", [db, "PRAGMA integrity_check;"], { encoding: "utf8" }).trim(), "ok");
});

// Workspace bundles end to end, two desks in the real window. The command
// line builds desk A (an article, a claim) and exports a base bundle that
// desk B imports; both desks then reword the same claim in the app (desk A
// first), desk A also marks a second claim and saves "Export bundle…" (a
// zip); desk B chooses that bundle (native dialogs answered through
// CLAIMTRAIL_E2E_PICK), sees what would change and the conflict, imports,
// opens Merge conflicts and takes desk A's wording; choosing the bundle
// again says everything is already here. Screenshots: the preview, the
// conflicts list (light and dark), the empty summary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const ANI = path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt");
const QUOTE = "Ukraine could accept legally binding security guarantees from the United States, European countries and other allies";
const SECOND = "Kyiv is not holding direct talks with Russia";
const BASE = "Ukraine would drop its NATO bid for Western security guarantees";
const WORDING_A = "Ukraine would give up its NATO bid for legally binding guarantees (desk A)";
const WORDING_B = "Ukraine may drop its NATO bid in exchange for security guarantees (desk B)";

const root = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-bundle-"));
const dirA = mkdtempSync(path.join(root, "desk-a-"));
const dirB = mkdtempSync(path.join(root, "desk-b-"));
const dbA = path.join(dirA, "workspace.db");
const dbB = path.join(dirB, "workspace.db");
const BASE_BUNDLE = path.join(root, "base.ctbundle");
const FROM_A = path.join(root, "from-desk-a.ctbundle");

const cli = (db, ...args) => execFileSync(CLI, ["--db", db, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const cliJson = (db, ...args) => JSON.parse(cli(db, ...args, "--json"));

let app;
let browser;
let claimId;

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI}); set CLAIMTRAIL_CLI to use another`);
  cliJson(dbA, "user", "add", "Dana Okafor");
  cli(dbA, "import", ANI);
  const [article] = cliJson(dbA, "articles");
  claimId = cliJson(dbA, "claim", "add", "--article", article.id, "--quote", QUOTE, "--statement", BASE, "--claimant", "Zelenskyy").id;
  cli(dbA, "bundle", "export", BASE_BUNDLE);
  cliJson(dbB, "user", "add", "E2E Reporter");
  cli(dbB, "bundle", "import", BASE_BUNDLE);
  // Desk A goes on working after the base bundle: a second claim.
  cliJson(dbA, "claim", "add", "--article", article.id, "--quote", SECOND, "--statement", "Kyiv holds no direct talks with Russia");
});

after(async () => {
  await app?.stop();
});

const text = async (id) => (await browser.$(tid(id))).getProperty("textContent");

async function start(dir, env = {}) {
  await app?.stop();
  app = await startApp({ dir, pick: [FROM_A], env });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 }).catch(async (e) => {
    await shot(browser, "bundle-00-start-failed");
    throw e;
  });
}

/** Opens the claim from the Unreviewed queue and rewords its statement. */
async function reword(statement) {
  await (await browser.$(tid("queue-unreviewed"))).click();
  const row = await browser.$(`${tid("queue-claim")}[data-claim-id="${claimId}"]`);
  await row.waitForDisplayed({ timeout: 10000 });
  await row.click();
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("claim-edit"))).click();
  const field = await browser.$(tid("claim-statement"));
  await field.waitForDisplayed({ timeout: 5000 });
  await field.setValue(statement);
  await (await browser.$(tid("claim-save"))).click();
  await browser.waitUntil(async () => (await text("claim-statement-text").catch(() => "")) === statement, {
    timeout: 10000,
    timeoutMsg: "the claim shows its new statement",
  });
}

/** Waits for the notice matching `pattern` (notices are replaced, so each look finds it anew); an error shown meanwhile fails with its text. */
async function waitForNotice(pattern, what) {
  let last = "";
  await browser.waitUntil(
    async () => {
      const errors = await browser.$$(tid("error-banner"));
      if (errors.length > 0) throw new Error(`${what}: an error is shown: ${await errors[0].getProperty("textContent")}`);
      const notices = await browser.$$(tid("notice"));
      for (const n of notices) {
        last = await n.getProperty("textContent").catch(() => "");
        if (pattern.test(last)) return true;
      }
      return false;
    },
    { timeout: 15000, timeoutMsg: `${what} (last notice: ${last})` },
  );
  return last;
}

async function workspaceMenu(item) {
  await (await browser.$(tid("workspace-menu"))).click();
  const button = await browser.$(tid(item));
  await button.waitForDisplayed({ timeout: 5000 });
  await button.click();
}

test("desk A rewords the claim and saves Export bundle… as a zip", async () => {
  await start(dirA);
  await reword(WORDING_A);
  await workspaceMenu("export-bundle");
  const saved = await waitForNotice(/Bundle saved to/, "a notice says where the bundle went");
  assert.match(saved, /from-desk-a\.ctbundle/);
  assert.ok(existsSync(FROM_A), "the bundle is written where the save dialog said");
  assert.deepEqual([...readFileSync(FROM_A).subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], "a zip file");
});

test("desk B rewords it too, previews desk A's bundle with the conflict, imports it and takes desk A's wording", async () => {
  await start(dirB);
  assert.equal(await (await browser.$(tid("queue-merge-conflicts"))).isExisting(), false, "no conflicts entry before any");
  await reword(WORDING_B);

  await workspaceMenu("import-bundle");
  const dialog = await browser.$(tid("bundle-dialog"));
  await dialog.waitForDisplayed({ timeout: 15000 }).catch(async (e) => {
    const errors = await browser.$$(tid("error-banner"));
    throw errors.length ? new Error(`an error is shown: ${await errors[0].getProperty("textContent")}`) : e;
  });
  assert.match(await dialog.getProperty("textContent"), /Import bundle from-desk-a\.ctbundle/);
  assert.match(await text("bundle-exported"), /Saved on \d+ \w{3} \d{4}, \d\d:\d\d \(UTC/);
  const changes = [];
  for (const c of await browser.$$(tid("bundle-change"))) changes.push(await c.getProperty("textContent"));
  assert.ok(changes.some((c) => /^1 claim added/.test(c)), `the second claim is added: ${changes.join(" | ")}`);
  assert.ok(changes.some((c) => /1 appearance added/.test(c)), `with its appearance: ${changes.join(" | ")}`);
  assert.match(await text("bundle-events"), /\d+ recorded changes? of the colleague's history will be added/);
  const conflicts = await browser.$$(tid("bundle-conflict"));
  assert.equal(conflicts.length, 1, "one field changed on both desks");
  const conflict = await conflicts[0].getProperty("textContent");
  assert.match(conflict, /Claim statement/);
  assert.match(conflict, /Kept \(from this desk\)/, "desk B changed it last");
  assert.equal(await text("bundle-conflict-kept"), WORDING_B);
  assert.equal(await text("bundle-conflict-other"), WORDING_A);
  await shot(browser, "bundle-01-preview-light");

  await (await browser.$(tid("bundle-import"))).click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 15000 });
  const imported = await waitForNotice(/Imported from-desk-a\.ctbundle/, "a notice says what the import did");
  assert.match(imported, /1 conflict to settle/);
  const nav = await browser.$(tid("queue-merge-conflicts"));
  await nav.waitForDisplayed({ timeout: 10000 });
  assert.equal(await text("queue-count-merge-conflicts"), "1");
  // The library and queues were reloaded: the second claim is waiting for review.
  await browser.waitUntil(async () => (await text("queue-count-unreviewed")) === "2", {
    timeout: 10000,
    timeoutMsg: "the unreviewed queue counts desk A's new claim",
  });

  await nav.click();
  const item = await browser.$(tid("conflict"));
  await item.waitForDisplayed({ timeout: 10000 });
  assert.equal(await text("conflict-subject"), WORDING_B, "the claim as it stands");
  assert.equal(await text("conflict-field"), "Claim statement");
  assert.equal(await text("conflict-kept"), WORDING_B);
  assert.equal(await text("conflict-other"), WORDING_A);
  await shot(browser, "bundle-02-conflicts-light");
});

test("dark theme: the conflicts list; Use the other puts desk A's wording in the claim", async () => {
  await start(dirB, { GTK_THEME: "Adwaita:dark" });
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const nav = await browser.$(tid("queue-merge-conflicts"));
  await nav.waitForDisplayed({ timeout: 10000 });
  await nav.click();
  const item = await browser.$(tid("conflict"));
  await item.waitForDisplayed({ timeout: 10000 });
  await shot(browser, `bundle-03-conflicts-${dark ? "dark" : "light-not-dark"}`);

  await (await browser.$(tid("conflict-use-other"))).click();
  await (await browser.$(tid("conflicts-empty"))).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => !(await (await browser.$(tid("queue-count-merge-conflicts"))).isExisting()) || (await text("queue-count-merge-conflicts")) === "0", {
    timeout: 10000,
    timeoutMsg: "no conflict left to count",
  });
  await waitForNotice(/Took the other claim statement/, "a notice says what was settled");
  assert.equal(await (await browser.$(tid("notice-action"))).getProperty("textContent"), "Undo");
  await shot(browser, `bundle-04-settled-${dark ? "dark" : "light-not-dark"}`);

  // The claim reads desk A's wording now.
  await (await browser.$(tid("queue-unreviewed"))).click();
  const row = await browser.$(`${tid("queue-claim")}[data-claim-id="${claimId}"]`);
  await row.waitForDisplayed({ timeout: 10000 });
  await row.click();
  await browser.waitUntil(async () => (await text("claim-statement-text").catch(() => "")) === WORDING_A, {
    timeout: 10000,
    timeoutMsg: "the claim now reads desk A's wording",
  });
});

test("the same bundle again: everything is already here, only Close", async () => {
  await workspaceMenu("import-bundle");
  const dialog = await browser.$(tid("bundle-dialog"));
  await dialog.waitForDisplayed({ timeout: 15000 });
  await (await browser.$(tid("bundle-empty"))).waitForDisplayed({ timeout: 5000 });
  assert.match(await text("bundle-empty"), /Everything in this bundle is already here/);
  assert.equal(await (await browser.$(tid("bundle-import"))).isExisting(), false);
  await shot(browser, "bundle-05-already-here");
  await (await browser.$(tid("bundle-close"))).click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 5000 });
});

test("a third desk imports desk A's bundle and takes it back with Undo on the notice", async () => {
  const dirC = mkdtempSync(path.join(root, "desk-c-"));
  const dbC = path.join(dirC, "workspace.db");
  cliJson(dbC, "user", "add", "Chen Wei");
  cli(dbC, "import", path.join(fixtures, "reuters-style.txt"));
  await start(dirC);
  assert.equal((await browser.$$(tid("library-item"))).length, 1);

  await workspaceMenu("import-bundle");
  const dialog = await browser.$(tid("bundle-dialog"));
  await dialog.waitForDisplayed({ timeout: 15000 });
  await (await browser.$(tid("bundle-import"))).click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 15000 });
  await waitForNotice(/Imported from-desk-a\.ctbundle/, "a notice says what the import did");
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 2, {
    timeout: 10000,
    timeoutMsg: "desk A's article is in the library",
  });
  const action = await browser.$(tid("notice-action"));
  assert.equal(await action.getProperty("textContent"), "Undo");
  await shot(browser, "bundle-06-imported-undo-offered");

  await action.click();
  await waitForNotice(/Undid: imported a bundle/, "a notice says the import was undone");
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 1, {
    timeout: 10000,
    timeoutMsg: "desk A's article is gone again",
  });
  await shot(browser, "bundle-07-import-undone");

  // Desk A's events stay in the log, marked: this desk met Dana's key in this bundle.
  await (await browser.$(tid("activity-button"))).click();
  const mark = await browser.$(tid("unverified"));
  await mark.waitForDisplayed({ timeout: 10000 });
  await mark.scrollIntoView({ block: "center" });
  assert.match(await mark.getAttribute("title"), /first bundle signed with this colleague's key/);
  await shot(browser, "bundle-08-activity-unverified");
  const [record] = cliJson(dbC, "bundle", "changes");
  assert.equal(record.in_effect, false);
  assert.ok(record.rows.some((r) => r.table === "articles" && r.change === "add"));
  assert.match(cli(dbC, "audit", "verify"), /The audit log is intact/);
});

// Claims end to end in the real window: select a sentence and mark it, see
// the highlight and the claim inspector, add an alias; restart on the same
// workspace and find the claim again; import a revised version of the
// article and see the highlight at its new place and the claim whose text
// changed flagged for review; accept a suggested claim.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { startApp, fixtures, tid, shot, selectText } from "./app.mjs";

const V1 = path.join(fixtures, "berlin-talks-v1.md");
const V2 = path.join(fixtures, "berlin-talks-v2.md");
// Unchanged words after a changed one ("could" → "would … only"): they move.
const MOVES = "security guarantees from the United States and European partners";
// Rewritten in v2: it cannot follow by itself.
const REWRITTEN = "The talks were expected to continue on Monday, officials said.";

let app;
let browser;
let dir;

after(async () => {
  await app?.stop();
});


/** The highlighted runs of the reader: [text, appearance ids, code point start]. */
async function highlights() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="highlight"]')].map((el) => [el.textContent, el.dataset.ids, Number(el.dataset.start)]),
  );
}

async function openTheArticle() {
  const row = await browser.$(tid("library-item"));
  await row.waitForDisplayed({ timeout: 20000 });
  await row.click();
  await (await browser.$(tid("reader-body"))).waitForDisplayed({ timeout: 10000 });
}

async function markSelection({ claimant }) {
  await browser.keys("m");
  const popover = await browser.$(tid("mark-popover"));
  await popover.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("claim-claimant"))).setValue(claimant);
  return popover;
}

async function waitForNotice(pattern) {
  const notice = await browser.$(tid("notice"));
  await notice.waitForDisplayed({ timeout: 10000 });
  assert.match(await notice.getProperty("textContent"), pattern);
}

test("mark a claim on a selected sentence and see it highlighted and inspected", async () => {
  app = await startApp({ pick: [V1] });
  browser = app.browser;
  dir = app.dir;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  await (await browser.$(tid("import-results"))).waitForDisplayed({ timeout: 20000 });
  await openTheArticle();
  const hint = await browser.$(tid("mark-hint"));
  await hint.waitForDisplayed({ timeout: 5000 });
  await shot(browser, "11-reader-no-claims");

  await selectText(browser, MOVES);
  await (await browser.$(tid("mark-claim-button"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "12-selection-mark-button");
  const popover = await markSelection({ claimant: "Zelenskyy" });
  const statement = await browser.$(tid("claim-statement"));
  assert.equal(await statement.getValue(), MOVES, "the statement starts as the selected text");
  await statement.setValue("Ukraine could accept Western security guarantees instead of NATO membership");
  await (await browser.$(tid("claim-condition"))).setValue("if the guarantees are legally binding");
  await (await browser.$(tid("claim-tags"))).setValue("nato, guarantees");
  await (await browser.$(tid("appearance-summary"))).click();
  await shot(browser, "13-mark-popover");
  await (await browser.$(tid("mark-submit"))).click();
  await popover.waitForDisplayed({ reverse: true, timeout: 10000 });
  await waitForNotice(/Claim marked/);

  await browser.waitUntil(async () => (await highlights()).length > 0, { timeout: 10000, timeoutMsg: "the new claim is highlighted" });
  const [[text]] = await highlights();
  assert.equal(text, MOVES, "exactly the selected words are highlighted");

  // A second claim on the sentence that v2 rewrites.
  await selectText(browser, REWRITTEN);
  await markSelection({ claimant: "officials" });
  await (await browser.$(tid("mark-submit"))).click();
  await browser.waitUntil(async () => (await highlights()).length === 2, { timeout: 10000, timeoutMsg: "both claims are highlighted" });
  await browser.execute(() => document.getSelection().removeAllRanges());
  await shot(browser, "14-reader-highlights");

  const first = await browser.$(tid("highlight"));
  await first.moveTo();
  await (await browser.$(tid("highlight-card"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "15-highlight-hover");
  await first.click();
  const detail = await browser.$(tid("claim-detail"));
  await detail.waitForDisplayed({ timeout: 5000 });
  assert.match(await detail.getProperty("textContent"), /if the guarantees are legally binding/);
  await shot(browser, "16-claim-inspector");
});

test("people: add an alias", async () => {
  await browser.keys(["Control", "Shift", "p"]);
  await browser.waitUntil(async () => (await browser.$$(tid("person-row"))).length >= 1, { timeout: 5000, timeoutMsg: "the claimant is a person" });
  const zelenskyy = await browser.$(`${tid("person-row")}*=Zelenskyy`);
  const input = await zelenskyy.$(tid("alias-input"));
  await input.setValue("the Ukrainian president");
  await (await zelenskyy.$(tid("alias-add"))).click();
  await browser.waitUntil(async () => /the Ukrainian president/.test(await zelenskyy.getProperty("textContent")), {
    timeout: 5000,
    timeoutMsg: "the alias is listed",
  });
  await shot(browser, "17-persons");
  await browser.keys("Escape");
});

test("the claims are still there after a restart, and follow a revised article", async () => {
  await app.stop();
  app = await startApp({ dir, pick: [V2] });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await openTheArticle();
  await browser.waitUntil(async () => (await highlights()).length === 2, { timeout: 10000, timeoutMsg: "both highlights survive a restart" });
  const before = (await highlights()).find(([t]) => t === MOVES);
  assert.ok(before, "the first claim is highlighted on its words");

  await browser.keys(["Control", "o"]);
  await (await browser.$(tid("import-results"))).waitForDisplayed({ timeout: 20000 });
  const title = await browser.$(tid("reader-title"));
  await browser.waitUntil(async () => /second day/.test(await title.getText()), { timeout: 10000, timeoutMsg: "the reader shows the new revision" });
  await browser.waitUntil(async () => (await highlights()).some(([t]) => t === MOVES), {
    timeout: 10000,
    timeoutMsg: "the claim is highlighted in the new revision",
  });
  const moved = (await highlights()).find(([t]) => t === MOVES);
  assert.equal(moved[2], before[2] + "would accept only".length - "could accept".length, "the highlight moved with its words");

  const notice = await browser.$(tid("review-notice"));
  await notice.waitForDisplayed({ timeout: 10000 });
  await (await notice.$("button")).click();
  const review = await browser.$(tid("claims-review"));
  await review.waitForDisplayed({ timeout: 5000 });
  assert.match(await review.getProperty("textContent"), /Needs review: 1/);
  assert.match(await review.getProperty("textContent"), /talks were expected to continue/, "the old quote is kept");
  await shot(browser, "18-needs-review");
});

test("accept a suggested claim", async () => {
  await (await browser.$(tid("inspector-tab-suggestions"))).click();
  const panel = await browser.$(tid("suggestions-panel"));
  await panel.waitForDisplayed({ timeout: 5000 });
  const error = await browser.$(tid("suggestions-error"));
  if (await error.isExisting()) assert.fail("suggest_claims failed: " + (await error.getProperty("textContent")));
  const suggestion = await browser.$(tid("suggestion"));
  await suggestion.waitForDisplayed({ timeout: 10000 });
  await suggestion.moveTo();
  await shot(browser, "19-suggestions");
  const exact = await (await suggestion.$(tid("suggestion-text"))).getProperty("textContent");
  const count = (await highlights()).length;
  await (await suggestion.$(tid("suggestion-accept"))).click();
  await waitForNotice(/Claim marked/);
  await browser.waitUntil(async () => (await highlights()).length > count, { timeout: 10000, timeoutMsg: "the accepted suggestion is highlighted" });
  await shot(browser, "20-suggestion-accepted");
  await (await browser.$(tid("inspector-tab-claims"))).click();
  const detail = await browser.$(tid("claim-detail"));
  await detail.waitForDisplayed({ timeout: 5000 });
  const statement = await (await browser.$(tid("claim-statement-text"))).getProperty("textContent");
  assert.ok(exact.replace(/[“”"…]/g, "").trim().startsWith(statement.slice(0, 20).replace(/[“”"]/g, "")), `${statement} comes from ${exact}`);
  await shot(browser, "21-accepted-claim");
});

test("an orphaned appearance is placed on newly selected text, overlapping another claim", async () => {
  await (await browser.$(tid("claims-back"))).click();
  const review = await browser.$(tid("claims-review"));
  await review.waitForDisplayed({ timeout: 5000 });
  await selectText(browser, "European leaders joining");
  const place = await review.$(tid("place-on-selection"));
  await browser.waitUntil(async () => await place.isEnabled(), { timeout: 5000, timeoutMsg: "the selection enables Place on selection" });
  await place.click();
  await review.waitForDisplayed({ reverse: true, timeout: 10000 });
  await browser.execute(() => document.getSelection().removeAllRanges());
  const runs = await highlights();
  const both = runs.find(([, ids]) => ids.split(" ").length === 2);
  assert.ok(both, "the placed appearance overlaps the accepted claim: " + JSON.stringify(runs));
  assert.equal(both[0], "European leaders joining");
  await shot(browser, "24-overlapping-highlights");
});

test("dark theme; Undo after marking; delete asks first", async () => {
  await app.stop();
  app = await startApp({ dir, env: { GTK_THEME: "Adwaita:dark" } });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await openTheArticle();
  await browser.waitUntil(async () => (await highlights()).length > 0, { timeout: 10000, timeoutMsg: "highlights" });
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const name = (n, what) => `${n}-${dark ? "dark" : "light-not-dark"}-${what}`;
  await (await browser.$(tid("highlight"))).click();
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, name(22, "claim-inspector"));

  const count = (await highlights()).length;
  await selectText(browser, "met President Volodymyr Zelenskyy in Berlin");
  await browser.keys("m");
  await (await browser.$(tid("mark-popover"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, name(23, "popover"));
  await (await browser.$(tid("mark-submit"))).click();
  await waitForNotice(/Claim marked/);
  await browser.waitUntil(async () => (await highlights()).length > count, { timeout: 10000, timeoutMsg: "marked" });
  await (await browser.$(tid("notice-action"))).click();
  await browser.waitUntil(async () => (await highlights()).length === count, {
    timeout: 10000,
    timeoutMsg: "Undo removes the claim just marked",
  });

  await (await browser.$(tid("highlight"))).click();
  await (await browser.$(tid("claim-delete"))).click();
  const confirm = await browser.$(tid("confirm-message"));
  await confirm.waitForDisplayed({ timeout: 5000 });
  await shot(browser, name(25, "confirm-delete"));
  await browser.keys("Escape");
  await confirm.waitForDisplayed({ reverse: true, timeout: 5000 });
  assert.equal((await highlights()).length, count, "Cancel deletes nothing");

  await (await browser.$(tid("inspector-tab-suggestions"))).click();
  await (await browser.$(tid("suggestions-panel"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, name(26, "suggestions-empty"));
  await browser.keys(["Control", "Shift", "p"]);
  await (await browser.$(tid("person-row"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, name(27, "persons"));
  await browser.keys("Escape");
  await browser.keys("?");
  const shortcuts = await browser.$("[role=dialog]");
  await shortcuts.waitForDisplayed({ timeout: 5000 });
  assert.match(await shortcuts.getProperty("textContent"), /Mark the selected text as a claim/);
  await shot(browser, name(36, "shortcuts"));
  // Help → Open log folder: the folder is shown (no file manager runs
  // under Xvfb), and the app's log is there, without the article's text.
  await (await browser.$(tid("open-log-folder"))).click();
  const where = await browser.$(tid("log-folder-path"));
  await where.waitForDisplayed({ timeout: 5000 });
  const folder = (await where.$("code").getProperty("textContent")).trim();
  assert.equal(folder, path.join(app.dir, "logs"), "the log folder is the app's own");
  const logs = readdirSync(folder).filter((f) => f.startsWith("app."));
  assert.equal(logs.length, 1, `one log file for today: ${logs}`);
  const log = readFileSync(path.join(folder, logs[0]), "utf8");
  assert.match(log, /workspace opened/);
  assert.doesNotMatch(log, /legally binding/, "no article text in the log");
  await shot(browser, name(37, "help-log-folder"));
  await browser.keys("Escape");
});

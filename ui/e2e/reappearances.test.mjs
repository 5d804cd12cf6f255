// Tracked claims reappearing in the real window: a workspace with one
// marked claim imports two more articles; the import result says where
// the claim reappears, the reader shows the place dashed and Suggestions
// offers Accept and Not the same, and New appearances lists what is left
// across the workspace.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-reappear-"));
const db = path.join(dir, "workspace.db");
const env = { ...process.env, CLAIMTRAIL_DB: db, CLAIMTRAIL_LOG_DIR: dir, CLAIMTRAIL_USER: "E2E Reporter" };
const cli = (...args) => execFileSync(CLI, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const QUOTE = "Zelenskyy said Ukraine could accept legally binding security guarantees from the United States and European partners instead of NATO membership.";
const page = (slug, outlet, date, body) =>
  `---\ntitle: ${slug}\nurl: https://${outlet.toLowerCase().replace(/ /g, "")}.example/${slug.toLowerCase().replace(/ /g, "-")}\noutlet: ${outlet}\ndate: ${date}\n---\n\n${body}\n`;
const analysis = path.join(dir, "analysis.md");
const roundup = path.join(dir, "roundup.md");
writeFileSync(
  analysis,
  page(
    "Kyiv weighs guarantees against membership",
    "Harbour Post",
    "2025-12-15T09:00:00+01:00",
    "Ukraine's president has shifted his stance.\n\nHe told reporters in Berlin that Kyiv wanted security guarantees from the United States and European partners, according to two officials present.",
  ),
);
writeFileSync(
  roundup,
  page(
    "Monday briefing",
    "Daily Ledger",
    "2025-12-16T07:30:00+00:00",
    "Talks resumed in Berlin.\n\nZelensky said Ukraine could accept legally binding security guarantees from the US and European partners instead of NATO membership, aides confirmed.",
  ),
);

let app;
let browser;

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI})`);
  const imported = JSON.parse(cli("import", path.join(fixtures, "berlin-talks-v1.md"), "--json"));
  cli("claim", "add", "--article", imported[0].article.id, "--quote", QUOTE, "--claimant", "Volodymyr Zelenskyy");
});

after(async () => {
  await app?.stop();
});

test("an import says where a tracked claim reappears; the reader shows it dashed and Accept adds the appearance", async () => {
  app = await startApp({ dir, pick: [analysis, roundup] });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  const results = await browser.$(tid("import-results"));
  await results.waitForDisplayed({ timeout: 20000 });
  const flags = await browser.$$(tid("import-reappearing"));
  await browser.waitUntil(async () => (await browser.$$(tid("import-reappearing"))).length === 2, {
    timeout: 10000,
    timeoutMsg: "both new articles say a tracked claim reappears",
  });
  assert.equal(await flags[0].getProperty("textContent"), "1 tracked claim reappears here");
  await browser.waitUntil(async () => (await browser.$$(tid("library-reappearing"))).length === 2, {
    timeout: 10000,
    timeoutMsg: "the library flags both",
  });
  await shot(browser, "90-import-reappearing");

  // The partial quote in the analysis: dashed in the text, decided in Suggestions.
  await (await browser.$(`${tid("import-reappearing")}`)).click();
  const candidate = await browser.$(tid("candidate"));
  await candidate.waitForDisplayed({ timeout: 10000 });
  const row = await browser.$(tid("reappearance"));
  await row.waitForDisplayed({ timeout: 10000 });
  const kinds = await browser.execute(() => [...document.querySelectorAll('[data-testid="reappearance-kind"]')].map((e) => e.textContent));
  assert.ok(kinds.length === 1, JSON.stringify(kinds));
  const text = await (await row.$(tid("reappearance-text"))).getProperty("textContent");
  assert.equal(await candidate.getProperty("textContent"), text, "the dashed place is the one listed");
  await shot(browser, "91-reader-reappearance");
  const before = (await browser.$$(tid("highlight"))).length;
  await (await row.$(tid("reappearance-accept"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("highlight"))).length > before, {
    timeout: 10000,
    timeoutMsg: "the accepted place is highlighted as an appearance",
  });
  assert.equal((await browser.$$(tid("candidate"))).length, 0, "and is no longer dashed");
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "92-reappearance-accepted");
});

test("New appearances lists what waits across the workspace; Not the same takes one away for good", async () => {
  const queue = await browser.$(tid("queue-reappearances"));
  await browser.waitUntil(async () => (await (await browser.$(tid("queue-count-reappearances"))).getProperty("textContent")) === "1", {
    timeout: 10000,
    timeoutMsg: "one candidate is left",
  });
  await queue.click();
  const item = await browser.$(tid("reappearance-item"));
  await item.waitForDisplayed({ timeout: 10000 });
  assert.match(await item.getProperty("textContent"), /Near copy/);
  await shot(browser, "93-new-appearances");
  await (await item.$(tid("reappearances-dismiss"))).click();
  await (await browser.$(tid("reappearances-empty"))).waitForDisplayed({ timeout: 10000 });
  await shot(browser, "94-new-appearances-empty");
  const left = JSON.parse(cli("reappearances", "--json"));
  assert.deepEqual(left, [], "the CLI sees the same workspace: nothing left");
});

test("Find everywhere lists the claim's other places by how they matched, with what a near copy changed", async () => {
  await (await browser.$(tid("queue-reappearances"))).click();
  // Back to the article with the accepted appearance, the claim open.
  await (await browser.$(`${tid("library-item")}*=Kyiv weighs`)).click();
  await (await browser.$(tid("reader-body"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("highlight"))).click();
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 5000 });
  await browser.keys("f");
  const kind = await browser.$(tid("find-kind"));
  await kind.waitForDisplayed({ timeout: 15000 });
  const kinds = await browser.execute(() => [...document.querySelectorAll('[data-testid="find-kind"]')].map((e) => e.dataset.kind));
  assert.deepEqual(kinds, ["near"], "the dismissed near copy is still a place of the claim's words; the accepted one is marked");
  const diff = await browser.$(tid("hit-diff"));
  assert.match(await diff.getProperty("textContent"), /United States/, "the quote's words the copy changed are shown");
  await shot(browser, "95-find-by-kind");
});

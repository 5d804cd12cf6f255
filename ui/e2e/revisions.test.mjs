// Re-importing an article whose text changed (same URL) makes a revision;
// the reader switches between revisions and shows the silent edit word by
// word. Also checks the import results name the new revision.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

let app;
let browser;

before(async () => {
  app = await startApp({
    pick: [path.join(fixtures, "berlin-talks-v1.md"), path.join(fixtures, "berlin-talks-v2.md")],
  });
  browser = app.browser;
});

after(async () => {
  await app?.stop();
});

test("the second version of a page is reported as a new revision", async () => {
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  const results = await browser.$(tid("import-results"));
  await results.waitForDisplayed({ timeout: 20000 });
  const text = await results.getText();
  assert.match(text, /1 imported/i, text);
  assert.match(text, /revision/i, "the second file is named a new revision: " + text);
  const rows = await browser.$$(tid("library-item"));
  assert.equal(rows.length, 1, "a revision does not add a second article");
});

test("the reader switches revisions and shows what changed", async () => {
  await (await browser.$(tid("library-item"))).click();
  const title = await browser.$(tid("reader-title"));
  await title.waitForDisplayed({ timeout: 10000 });
  assert.match(await title.getText(), /second day/, "the latest revision is shown first");

  const toggle = await browser.$(tid("show-changes"));
  await toggle.click();
  const diff = await browser.$(tid("diff-view"));
  await diff.waitForDisplayed({ timeout: 10000 });
  const inserted = await browser.execute((el) => [...el.querySelectorAll("ins")].map((n) => n.textContent).join("|"), diff);
  const deleted = await browser.execute((el) => [...el.querySelectorAll("del")].map((n) => n.textContent).join("|"), diff);
  assert.match(inserted, /would/, "the inserted wording is marked: " + inserted);
  assert.match(inserted, /only/, "including the added restriction: " + inserted);
  assert.match(deleted, /could/, "the removed wording is marked: " + deleted);
  await shot(browser, "06-revision-diff");

  await toggle.click();
  const select = await browser.$(tid("revision-select"));
  await select.selectByAttribute("value", "1");
  await browser.waitUntil(async () => !/second day/.test(await title.getText()), {
    timeout: 10000,
    timeoutMsg: "choosing revision 1 shows its title",
  });
  const body = await (await browser.$(tid("reader-body"))).getText();
  assert.match(body, /could accept legally binding/, "revision 1's text is kept and shown");
  await shot(browser, "07-older-revision");
});

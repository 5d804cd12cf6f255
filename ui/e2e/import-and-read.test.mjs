// The foundation end to end in the real window: paste the canonical agency
// copy, import files through "Import files…", find them in the library, read
// one with its metadata, and prove hostile HTML stays inert text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const ani = readFileSync(path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"), "utf8");
const TITLE = "Ukraine open to dropping NATO bid for western security guarantees: Zelenskyy";

let app;
let browser;

before(async () => {
  app = await startApp({
    pick: [path.join(fixtures, "reuters-style.txt"), path.join(fixtures, "hostile-page.html")],
  });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
});

after(async () => {
  await app?.stop();
});

test("a new workspace shows an empty library that says how to import", async () => {
  const empty = await browser.$(tid("empty-library"));
  await empty.waitForDisplayed({ timeout: 20000 });
  assert.match(await empty.getText(), /paste/i, "the empty state names a way to bring articles in");
  await shot(browser, "01-empty-library");
});

test("pasting the agency copy imports it with its metadata", async () => {
  await (await browser.$(tid("paste-button"))).click();
  const area = await browser.$(tid("paste-textarea"));
  await area.waitForDisplayed();
  // Typing 3,700 characters through WebDriver is slow; set the value and
  // fire the input event the way a paste does.
  await browser.execute(
    (el, text) => {
      el.value = text;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    area,
    ani,
  );
  await shot(browser, "02-paste-dialog");
  await (await browser.$(tid("paste-submit"))).click();
  const outcome = await browser.$(tid("paste-outcome"));
  await outcome.waitForDisplayed({ timeout: 15000 });
  assert.match(await outcome.getText(), /imported/i, "the dialog says the article was imported");
  await browser.keys("Escape");

  const rows = await browser.$$(tid("library-item"));
  assert.equal(rows.length, 1, "the library lists the pasted article");
  // textContent, not getText: WebKitWebDriver returns no text for the
  // line-clamped title.
  assert.match(await rows[0].getProperty("textContent"), /Ukraine open to dropping NATO bid/);
});

test("the reader shows the metadata with the original offset and the clean body", async () => {
  await (await browser.$(tid("library-item"))).click();
  const title = await browser.$(tid("reader-title"));
  await title.waitForDisplayed({ timeout: 10000 });
  assert.equal(await title.getText(), TITLE);
  assert.match(await (await browser.$(tid("reader-outlet"))).getText(), /ANI/);
  const published = await (await browser.$(tid("reader-published"))).getText();
  assert.match(published, /02:37/, "the time as the source printed it");
  assert.match(published, /\+05:30/, "with its original offset");
  assert.match(await (await browser.$(tid("reader-dateline"))).getText(), /Kyiv, Ukraine/);
  const paragraphs = await browser.$$(`${tid("reader-body")} p`);
  assert.ok(paragraphs.length >= 8, "the body is shown as paragraphs");
  assert.match(await paragraphs[0].getText(), /^Kyiv \[Ukraine\], December 15 : Ukraine has signalled/);
  const body = await (await browser.$(tid("reader-body"))).getText();
  assert.doesNotMatch(body, /Disclaimer:|Open in app/, "boilerplate is not in the body");
  await shot(browser, "03-reader");
});

test("importing files shows progress and a per-file result", async () => {
  await (await browser.$(tid("import-files-button"))).click();
  const results = await browser.$(tid("import-results"));
  await results.waitForDisplayed({ timeout: 20000 });
  const text = await results.getText();
  assert.match(text, /2 imported/i, "both picked files were imported: " + text);
  await shot(browser, "04-import-results");
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 3, {
    timeout: 10000,
    timeoutMsg: "the library shows all three articles",
  });
});

test("hostile HTML is shown as text and never runs", async () => {
  const rows = await browser.$$(tid("library-item"));
  let opened = false;
  for (const row of rows) {
    if (/grid attacks/.test(await row.getProperty("textContent"))) {
      await row.click();
      opened = true;
      break;
    }
  }
  assert.ok(opened, "the imported HTML page is in the library");
  const title = await browser.$(tid("reader-title"));
  await browser.waitUntil(async () => /grid attacks/.test(await title.getText()), { timeout: 10000 });
  const body = await browser.$(tid("reader-body"));
  const text = await body.getText();
  assert.match(text, /<script>alert\(1\)<\/script>/, "markup written in the article is shown literally");
  assert.match(text, /<img src=x onerror=alert\(2\)>/, "as text, not as an element");
  assert.doesNotMatch(text, /comment text that must never be shown|Sign in to read more/, "no comments or navigation");
  const injected = await browser.execute(
    (el) => ({
      scripts: el.querySelectorAll("script").length,
      images: el.querySelectorAll("img").length,
      pwned: window.__pwned ?? null,
      title: document.title,
    }),
    body,
  );
  assert.equal(injected.scripts, 0, "no script element was created from the article");
  assert.equal(injected.images, 0, "no img element was created from the article");
  assert.equal(injected.pwned, null, "no imported script or handler ran");
  assert.notEqual(injected.title, "pwned");
  await shot(browser, "05-hostile-page");
});

// Correcting an article's details in the real window: a page whose
// extraction named the site as author and gave no time is corrected in
// Edit details; the reader says so, the library follows, and Undo takes
// it back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, tid, shot } from "./app.mjs";

let app;
let browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimtrail-details-"));
const page = path.join(dir, "grain-corridor.html");
fs.writeFileSync(
  page,
  `<html><head><meta property="og:site_name" content="harbour.example"><title>Grain corridor reopens</title></head>
  <body><article><h1>Grain corridor reopens</h1>
  <p>ODESA — The Black Sea grain corridor reopened on Tuesday after a two-week halt, the port authority said, with the first three ships leaving before noon.</p>
  <p>"We have cleared the channel and the insurers are back," the authority's director told reporters at the terminal.</p>
  </article></body></html>`,
);

before(async () => {
  app = await startApp({ pick: [page] });
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("Edit details corrects the outlet, byline and time, and Undo takes it back", async () => {
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  await (await browser.$(tid("import-results"))).waitForDisplayed({ timeout: 20000 });
  await (await browser.$(tid("library-item"))).click();
  const outlet = await browser.$(tid("reader-outlet"));
  await outlet.waitForDisplayed({ timeout: 10000 });
  // The kicker is set in capitals by CSS; WebDriver reads the rendered text.
  assert.equal((await outlet.getText()).toLowerCase(), "harbour.example");

  await (await browser.$(tid("details-edit"))).click();
  const dialog = await browser.$(tid("article-details-dialog"));
  await dialog.waitForDisplayed({ timeout: 10000 });
  const set = async (field, value) => {
    const input = await browser.$(tid(`details-${field}`));
    await input.clearValue();
    await input.setValue(value);
  };
  await set("outlet", "Harbour Times");
  await set("byline", "Marta Kowalska, Tomas Berg");
  await set("published_at", "2025-12-16T09:15:00+02:00");
  await set("dateline", "Odesa, Ukraine");
  const preview = await browser.$(tid("details-published-preview"));
  assert.match(await preview.getText(), /16 Dec 2025, 09:15 \(UTC\+02:00\)/);
  await shot(browser, "details-01-edit");
  await (await browser.$(tid("details-save"))).click();
  await dialog.waitForDisplayed({ timeout: 10000, reverse: true });

  const byline = await browser.$(tid("reader-byline"));
  await browser.waitUntil(async () => (await byline.isExisting()) && /Marta Kowalska/.test(await byline.getText()), {
    timeout: 10000,
    timeoutMsg: "the reader shows the corrected byline",
  });
  assert.match(await (await browser.$(tid("reader-published"))).getText(), /16 Dec 2025, 09:15/);
  assert.match(await (await browser.$(tid("reader-corrected"))).getText(), /outlet/);
  assert.match((await outlet.getText()).toLowerCase(), /harbour times/);
  await shot(browser, "details-02-corrected");

  // Reopened, the dialog says what is corrected and offers the extracted value.
  await (await browser.$(tid("details-edit"))).click();
  await dialog.waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("corrected-byline"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "details-03-reopened");
  await browser.keys(["Escape"]);
  await dialog.waitForDisplayed({ timeout: 10000, reverse: true });

  await browser.keys(["Control", "z"]);
  await browser.waitUntil(async () => !(await (await browser.$(tid("reader-corrected"))).isExisting()), {
    timeout: 10000,
    timeoutMsg: "Undo takes the correction back",
  });
  assert.equal((await outlet.getText()).toLowerCase(), "harbour.example");
});

// A revision that rewords a marked quote ("the United States" → "the US")
// leaves the appearance below the confidence to move by itself: it is shown
// as needing review with the candidate place, previewed in the text on
// hover, and "Accept new place" puts the highlight there.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, tid, shot, selectText } from "./app.mjs";

const QUOTE = "legally binding security guarantees from the United States and European partners";
const CANDIDATE = "legally binding security guarantees from the US and European partners";

function article(sentence) {
  return `---
title: Kyiv weighs guarantees
url: https://news.example/world/kyiv-guarantees
outlet: Example Daily
date: 2025-12-14T18:20:00+01:00
---

KYIV, Dec 14 (Example Daily) - Officials met in the capital on Sunday.

Zelenskyy said Ukraine could accept ${sentence} instead of NATO membership.

The talks were expected to continue on Monday.
`;
}

const files = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-files-"));
const V1 = path.join(files, "kyiv-v1.md");
const V2 = path.join(files, "kyiv-v2.md");
writeFileSync(V1, article(QUOTE));
writeFileSync(V2, article(CANDIDATE));

let app;
after(async () => {
  await app?.stop();
});

async function highlights(browser) {
  return browser.execute(() => [...document.querySelectorAll('[data-testid="highlight"]')].map((el) => el.textContent));
}

test("a reworded quote needs review, shows its candidate and can be accepted there", async () => {
  app = await startApp({ pick: [V1] });
  let browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  await (await browser.$(tid("library-item"))).click();
  await (await browser.$(tid("reader-body"))).waitForDisplayed({ timeout: 10000 });
  await selectText(browser, QUOTE);
  await browser.keys("m");
  await (await browser.$(tid("mark-popover"))).waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("claim-claimant"))).setValue("Volodymyr Zelenskyy");
  await (await browser.$(tid("mark-submit"))).click();
  await browser.waitUntil(async () => (await highlights(browser)).join("") === QUOTE, { timeout: 10000, timeoutMsg: "marked" });

  const dir = app.dir;
  await app.stop();
  app = await startApp({ dir, pick: [V2] });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  await (await browser.$(tid("import-results"))).waitForDisplayed({ timeout: 20000 });
  await (await browser.$(tid("library-item"))).click();
  const notice = await browser.$(tid("review-notice"));
  await notice.waitForDisplayed({ timeout: 10000 });
  assert.deepEqual(await highlights(browser), [], "nothing is highlighted on the new text before a person decides");
  await (await notice.$("button")).click();
  const candidate = await browser.$(tid("candidate"));
  await candidate.waitForDisplayed({ timeout: 5000 });
  assert.match(await candidate.getProperty("textContent"), /from the US and European partners/);
  await candidate.moveTo();
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector('[data-testid="reader-body"] .preview')?.textContent ?? "")) === CANDIDATE,
    { timeout: 5000, timeoutMsg: "hovering the candidate outlines it in the text" },
  );
  await shot(browser, "34-needs-review-candidate");

  await (await candidate.$(tid("accept-candidate"))).click();
  await notice.waitForDisplayed({ reverse: true, timeout: 10000 });
  await browser.waitUntil(async () => (await highlights(browser)).join("") === CANDIDATE, {
    timeout: 10000,
    timeoutMsg: "the highlight is on the accepted place",
  });
  await shot(browser, "35-candidate-accepted");
});

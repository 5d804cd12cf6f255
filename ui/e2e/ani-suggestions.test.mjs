// The canonical agency copy (ANI relaying Al Jazeera): its suggested claims,
// accepting the best one, and the attribution chain the claim inspector
// shows for it (speaker → Al Jazeera → ANI).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const ani = readFileSync(path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"), "utf8");

let app;
let browser;

before(async () => {
  app = await startApp();
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
});

after(async () => {
  await app?.stop();
});

test("the ANI copy's suggestions can be read, previewed and accepted", async () => {
  await (await browser.$(tid("paste-button"))).waitForDisplayed({ timeout: 20000 });
  await (await browser.$(tid("paste-button"))).click();
  const area = await browser.$(tid("paste-textarea"));
  await area.waitForDisplayed();
  await browser.execute(
    (el, text) => {
      el.value = text;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    area,
    ani,
  );
  await (await browser.$(tid("paste-submit"))).click();
  await (await browser.$(tid("paste-outcome"))).waitForDisplayed({ timeout: 15000 });
  await browser.keys("Escape");
  await (await browser.$(tid("reader-body"))).waitForDisplayed({ timeout: 10000 });

  await (await browser.$(tid("inspector-tab-suggestions"))).click();
  const first = await browser.$(tid("suggestion"));
  await first.waitForDisplayed({ timeout: 10000 });
  const all = await browser.$$(tid("suggestion"));
  assert.ok(all.length >= 3, `several suggestions for agency copy full of quotes (${all.length})`);
  await first.moveTo();
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelectorAll('[data-testid="reader-body"] .preview').length)) > 0, {
    timeout: 5000,
    timeoutMsg: "hovering a suggestion outlines its text",
  });
  await shot(browser, "28-ani-suggestions");

  await (await first.$(tid("suggestion-accept"))).click();
  await (await browser.$(tid("notice"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("inspector-tab-claims"))).click();
  const detail = await browser.$(tid("claim-detail"));
  await detail.waitForDisplayed({ timeout: 5000 });
  const chain = await (await detail.$(tid("attribution-chain"))).getProperty("textContent");
  assert.match(chain, /→/, "the chain has more than one step: " + chain);
  await shot(browser, "29-ani-accepted-claim");
});

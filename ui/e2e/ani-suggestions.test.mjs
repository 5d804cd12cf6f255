// The canonical agency copy (ANI relaying Al Jazeera): its suggested claims,
// accepting the best one, and the attribution chain the claim inspector
// shows for it (speaker → Al Jazeera → ANI).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startApp, fixtures, tid, shot, selectText } from "./app.mjs";

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

test("edit a claim and its appearance, and add another appearance to it", async () => {
  const detail = await browser.$(tid("claim-detail"));
  await (await detail.$(tid("claim-edit"))).click();
  const statement = await detail.$(tid("claim-statement"));
  await statement.setValue("Ukraine may give up its NATO goal for firm Western security guarantees");
  await shot(browser, "30-claim-edit");
  await (await detail.$(tid("claim-save"))).click();
  await browser.waitUntil(async () => /NATO goal/.test(await (await browser.$(tid("claim-statement-text"))).getProperty("textContent")), {
    timeout: 5000,
    timeoutMsg: "the new wording is saved",
  });

  const card = await detail.$(tid("appearance-card"));
  await (await card.$("button=Edit")).click();
  await (await card.$(tid("chain-editor"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "31-appearance-edit");
  await (await card.$("button=Cancel")).click();

  await selectText(browser, "Ukraine could accept legally binding security guarantees");
  await browser.keys("m");
  const popover = await browser.$(tid("mark-popover"));
  await popover.waitForDisplayed({ timeout: 5000 });
  // The popover may still be settling where the selection put it.
  const existing = await popover.$(tid("mark-mode-existing"));
  await existing.waitForClickable({ timeout: 5000 });
  await existing.click();
  // The search field appears once the mode has switched.
  await (await popover.$(tid("claim-search"))).waitForDisplayed({ timeout: 5000 });
  await (await popover.$(tid("claim-search"))).setValue("NATO goal");
  const result = await popover.$(tid("claim-search-result"));
  await result.waitForDisplayed({ timeout: 5000 });
  await result.click();
  await shot(browser, "32-add-to-existing");
  await (await popover.$(tid("mark-submit"))).click();
  const notice = await browser.$(tid("notice"));
  await browser.waitUntil(async () => /Appearance added/.test(await notice.getProperty("textContent")), {
    timeout: 10000,
    timeoutMsg: "the notice says the appearance was added",
  });
  await browser.waitUntil(async () => (await browser.$$(tid("appearance-card"))).length === 2, {
    timeout: 10000,
    timeoutMsg: "the claim has two appearances",
  });
  await shot(browser, "33-two-appearances");
});

test("a dismissed suggestion leaves the list, and Undo brings it back", async () => {
  await (await browser.$(tid("inspector-tab-suggestions"))).click();
  await (await browser.$(tid("suggestion"))).waitForDisplayed({ timeout: 5000 });
  const count = async () => (await browser.$$(tid("suggestion"))).length;
  const before = await count();
  const first = await browser.$(tid("suggestion"));
  const text = await (await first.$(tid("suggestion-text"))).getProperty("textContent");
  await (await first.$(tid("suggestion-dismiss"))).click();
  await browser.waitUntil(async () => (await count()) === before - 1, { timeout: 5000, timeoutMsg: "dismissed" });
  const notice = await browser.$(tid("notice"));
  await browser.waitUntil(async () => /Suggestion dismissed/.test(await notice.getProperty("textContent")), { timeout: 5000 });
  await (await notice.$(tid("notice-action"))).click();
  await browser.waitUntil(async () => (await count()) === before, { timeout: 5000, timeoutMsg: "Undo restores it" });
  const texts = await browser.execute(() => [...document.querySelectorAll('[data-testid="suggestion-text"]')].map((e) => e.textContent));
  assert.ok(texts.includes(text), "the same suggestion is back");
});

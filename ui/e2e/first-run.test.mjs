// A first launch on an empty workspace: the empty library offers the example
// workspace; opening it shows a story already marked (three outlets, claims,
// a verdict waiting), says it is the example, and Getting started points at
// the three first things to do; Back to my workspace returns to the empty one.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startApp, tid, shot } from "./app.mjs";

let app;

after(async () => {
  await app?.stop();
});

test("the example workspace from the empty library, Getting started, and back", async () => {
  app = await startApp();
  const browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  const offer = await browser.$(tid("open-example"));
  await offer.waitForDisplayed({ timeout: 20000 });
  await shot(browser, "first-run-01-empty-offers-example");

  await offer.click();
  const note = await browser.$(tid("example-note"));
  await note.waitForDisplayed({ timeout: 20000 });
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 3, {
    timeout: 10000,
    timeoutMsg: "the example's three articles are listed",
  });
  const card = await browser.$(tid("getting-started"));
  await card.waitForDisplayed({ timeout: 5000 });
  assert.match(await card.getText(), /Import articles\.[\s\S]*Mark a claim\.[\s\S]*Open its timeline\./);
  await browser.waitUntil(async () => (await browser.$(tid("queue-count-unreviewed")).getText().catch(() => "")) !== "", {
    timeout: 10000,
    timeoutMsg: "the queues are counted",
  });
  await shot(browser, "first-run-02-example-getting-started");

  // An article of the example opens in the reader (the list may still be
  // settling from the switch of workspace: click again until it opens).
  await browser.waitUntil(
    async () => {
      await (await browser.$(tid("library-item"))).click();
      return (await browser.$(tid("reader-body"))).waitForDisplayed({ timeout: 3000 }).then(
        () => true,
        () => false,
      );
    },
    { timeout: 15000, timeoutMsg: "an example article opens in the reader" },
  );
  await shot(browser, "first-run-03-example-article");

  await (await browser.$(tid("leave-example"))).click();
  await (await browser.$(tid("open-example"))).waitForDisplayed({ timeout: 20000 });
  assert.equal(await (await browser.$(tid("example-note"))).isExisting(), false);
});

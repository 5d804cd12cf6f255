// People, queues and activity end to end in the real window: a new
// workspace asks who you are; a second person is added and becomes the
// active user; the pasted agency copy gets a claim, which shows in the
// Unreviewed queue; the outlet is rated; the activity feed tells the story;
// Ctrl+Z with nothing focused undoes the claim. Then the feed in the dark
// theme after a restart.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startApp, fixtures, tid, shot, selectText } from "./app.mjs";

const ani = readFileSync(path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"), "utf8");
const SENTENCE = "Zelenskyy described the proposal as a significant concession by Kyiv";

let app;
let browser;
let dir;

after(async () => {
  await app?.stop();
});

const text = async (id) => (await (await browser.$(tid(id))).getProperty("textContent")).trim();

async function waitForNotice(pattern) {
  await browser
    .waitUntil(
    async () => {
      for (const n of await browser.$$(tid("notice"))) if (pattern.test(await n.getProperty("textContent"))) return true;
      return false;
    },
      { timeout: 10000, timeoutMsg: `a notice matching ${pattern}` },
    )
    .catch(async (error) => {
      // Say what the window shows instead: another notice, or an error banner.
      const shown = await browser.execute(() =>
        [...document.querySelectorAll('[data-testid="notice"], [data-testid="error-banner"]')].map((n) => n.textContent).join(" | "),
      );
      throw new Error(`${error.message}; shown: ${shown || "nothing"}`);
    });
}

async function waitForCount(queue, n) {
  await browser.waitUntil(async () => (await text(`queue-count-${queue}`)) === String(n), {
    timeout: 10000,
    timeoutMsg: `${queue} shows ${n}`,
  });
}

test("a new workspace asks who you are before anything else", { timeout: 90000 }, async () => {
  app = await startApp({ env: { CLAIMTRAIL_USER: "" } });
  browser = app.browser;
  dir = app.dir;
  await browser.setWindowSize(1280, 800).catch(() => {});
  const dialog = await browser.$(tid("who-are-you"));
  await dialog.waitForDisplayed({ timeout: 20000 });
  assert.match(await dialog.getProperty("textContent"), /attributed/);
  await (await browser.$(tid("who-name"))).setValue("Dana Okafor");
  await browser.waitUntil(async () => /DO/.test(await text("who-preview")), { timeout: 5000, timeoutMsg: "the preview shows DO" });
  await shot(browser, "50-first-launch-who-are-you");

  await browser.keys("Escape");
  assert.ok(await dialog.isDisplayed(), "Esc does not dismiss the question");
  await (await browser.$(tid("who-submit"))).click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 10000 });
  await browser.waitUntil(async () => /Dana Okafor/.test(await text("user-menu")), { timeout: 10000, timeoutMsg: "Dana is the active user" });
  await waitForCount("unreviewed", 0);
  await (await browser.$(tid("queue-needs_approval"))).click();
  const empty = await browser.$(tid("queue-empty"));
  await empty.waitForDisplayed({ timeout: 10000 });
  assert.match(await empty.getProperty("textContent"), /Nothing waits for your approval/);
  await shot(browser, "53-queues-empty");
});

test("add a second person and switch to them", { timeout: 90000 }, async () => {
  await (await browser.$(tid("user-menu"))).click();
  await (await browser.$(tid("user-add"))).click();
  const dialog = await browser.$(tid("add-person"));
  await dialog.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("add-person-name"))).setValue("Li Wei");
  await shot(browser, "52-add-person");
  await (await browser.$(tid("add-person-submit"))).click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 10000 });
  await waitForNotice(/Added Li Wei/);

  await (await browser.$(tid("user-menu"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("user-item"))).length === 2, { timeout: 5000, timeoutMsg: "two people listed" });
  const names = [];
  for (const item of await browser.$$(tid("user-item"))) names.push((await item.getProperty("textContent")).trim());
  assert.deepEqual(names, ["Dana Okafor", "Li Wei"]);
  await shot(browser, "51-user-menu");
  await (await browser.$(`${tid("user-item")}[data-user-id]:not([aria-checked="true"])`)).click();
  await waitForNotice(/Now working as Li Wei/);
  await browser.waitUntil(async () => /Li Wei/.test(await text("user-menu")), { timeout: 10000, timeoutMsg: "Li Wei is active" });
});

test("paste the agency copy, mark a claim and see it queued, rate its outlet", { timeout: 90000 }, async () => {
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

  await selectText(browser, SENTENCE);
  await browser.keys("m");
  const popover = await browser.$(tid("mark-popover"));
  await popover.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("claim-claimant"))).setValue("Zelenskyy");
  await (await browser.$(tid("mark-submit"))).click();
  await popover.waitForDisplayed({ reverse: true, timeout: 10000 });
  await waitForCount("unreviewed", 1);
  await shot(browser, "54-queues-with-items");

  await (await browser.$(tid("queue-unreviewed"))).click();
  const row = await browser.$(tid("queue-claim"));
  await row.waitForDisplayed({ timeout: 10000 });
  assert.match(await row.getProperty("textContent"), /significant concession/);
  assert.match(await row.getProperty("textContent"), /Unreviewed/);
  await shot(browser, "55-queue-list");

  // The claim opens beside its article, where the outlet can be rated.
  await row.click();
  await (await browser.$(tid("reader-body"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("credibility-edit"))).click();
  const rating = await browser.$(tid("credibility-dialog"));
  await rating.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("credibility-credible"))).click();
  await (await browser.$(tid("credibility-note"))).setValue("Wire agency; relays others' reporting, check the original");
  await shot(browser, "59-credibility-popover");
  await (await browser.$(tid("credibility-save"))).click();
  await rating.waitForDisplayed({ reverse: true, timeout: 10000 });
  const badge = await browser.$(`.kicker ${tid("credibility-badge")}`);
  await badge.waitForDisplayed({ timeout: 5000 });
  assert.match(await badge.getProperty("textContent"), /Credible/);
  await (await browser.$(`${tid("library-item")} ${tid("credibility-badge")}`)).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "62-credibility-badges");
});

test("the activity feed tells who did what", { timeout: 90000 }, async () => {
  await (await browser.$(tid("activity-button"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("activity-entry"))).length >= 3, { timeout: 10000, timeoutMsg: "events listed" });
  const feed = await (await browser.$(tid("activity-view"))).getProperty("textContent");
  assert.match(feed, /Li Wei\s*marked the claim/, "the claim is attributed to the active user");
  assert.match(feed, /rated ANI credible/);
  assert.match(feed, /added the user Li Wei/);
  await shot(browser, "56-activity-light");

  await (await browser.$(tid("activity-user"))).selectByVisibleText("Dana Okafor");
  await browser.waitUntil(
    async () => {
      const t = await (await browser.$(tid("activity-view"))).getProperty("textContent");
      return !/marked the claim/.test(t) && /added the user/.test(t);
    },
    { timeout: 10000, timeoutMsg: "only Dana's events" },
  );
  await (await browser.$(tid("activity-clear"))).click();
});

test("Ctrl+Z with nothing focused undoes the newest change", { timeout: 90000 }, async () => {
  await browser.execute(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await browser.keys(["Control", "z"]);
  // The newest change is the rating (marking the claim also taught the
  // claimant an alias, which the core does not undo).
  await waitForNotice(/Undid: rated ANI credible/);
  await browser.waitUntil(async () => (await browser.$$(tid("credibility-badge"))).length === 0, {
    timeout: 10000,
    timeoutMsg: "the rating's badges are gone",
  });
  await browser.waitUntil(
    async () => /Undo/.test(await (await browser.$(tid("activity-view"))).getProperty("textContent")) && (await browser.$$(tid("activity-undo"))).length > 0,
    { timeout: 10000, timeoutMsg: "the feed marks the Undo" },
  );
  await shot(browser, "57-activity-after-undo");

  await (await browser.$(tid("activity-tab-mine"))).click();
  await (await browser.$(tid("recent-change"))).waitForDisplayed({ timeout: 5000 });
  const blocked = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="recent-undo"]')].filter((b) => b.disabled).map((b) => b.title),
  );
  assert.ok(blocked.length > 0 && blocked.every((t) => t.length > 0), "a change that cannot be undone says why");
  await shot(browser, "58-recent-changes");
});

test("dark theme: the activity feed and the user menu", { timeout: 90000 }, async () => {
  await app.stop();
  app = await startApp({ dir, env: { CLAIMTRAIL_USER: "", GTK_THEME: "Adwaita:dark" } });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const name = (n, what) => `${n}-${dark ? "dark" : "light-not-dark"}-${what}`;
  await browser.waitUntil(async () => /Li Wei/.test(await text("user-menu")), { timeout: 20000, timeoutMsg: "the active user is remembered" });
  assert.equal((await browser.$$(tid("who-are-you"))).length, 0, "nobody is asked again");
  await browser.keys(["Control", "Shift", "a"]);
  await browser.waitUntil(async () => (await browser.$$(tid("activity-entry"))).length >= 3, { timeout: 10000, timeoutMsg: "events listed" });
  await shot(browser, name(60, "activity"));
  await (await browser.$(tid("user-menu"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("user-item"))).length === 2, { timeout: 5000, timeoutMsg: "the menu opens" });
  await shot(browser, name(61, "user-menu"));
});

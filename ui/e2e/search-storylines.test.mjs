// Search, links and storylines end to end in the real window: import three
// articles, mark a claim in two of them, search by a word of one and open
// the hit, link the two claims (contradicts) and see the link from both
// sides, gather both in a storyline, reorder it, remove a claim and Undo;
// then the same screens in the dark theme after a restart.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startApp, fixtures, tid, shot, selectText } from "./app.mjs";

const BERLIN = path.join(fixtures, "berlin-talks-v1.md");
const REUTERS = path.join(fixtures, "reuters-style.txt");
const ANI = path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt");

const GUARANTEES = "Ukraine could accept legally binding security guarantees from the United States and European partners instead of NATO membership";
const DONETSK = "Ukraine will not withdraw from parts of Donetsk and Luhansk that remain under its control";

let app;
let browser;
let dir;

after(async () => {
  await app?.stop();
});

const text = async (selector) => (await browser.$(selector)).getProperty("textContent");

async function waitForNotice(pattern) {
  await browser.waitUntil(
    async () => {
      for (const n of await browser.$$(tid("notice"))) if (pattern.test(await n.getProperty("textContent"))) return true;
      return false;
    },
    { timeout: 10000, timeoutMsg: `a notice matching ${pattern}` },
  );
}

async function openArticle(titlePart) {
  const row = await browser.$(`${tid("library-item")}*=${titlePart}`);
  await row.waitForDisplayed({ timeout: 20000 });
  await row.click();
  await browser.waitUntil(async () => (await text(tid("reader-title"))).includes(titlePart), {
    timeout: 10000,
    timeoutMsg: `the reader shows “${titlePart}”`,
  });
}

async function mark(words, claimant) {
  await selectText(browser, words);
  await browser.keys("m");
  const popover = await browser.$(tid("mark-popover"));
  await popover.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("claim-claimant"))).setValue(claimant);
  await browser.keys(["Control", "Enter"]);
  await popover.waitForDisplayed({ reverse: true, timeout: 10000 });
  await waitForNotice(/Claim marked/);
  await browser.execute(() => document.getSelection().removeAllRanges());
}

async function detailClaimId() {
  const detail = await browser.$(tid("claim-detail"));
  await detail.waitForDisplayed({ timeout: 10000 });
  return detail.getAttribute("data-claim-id");
}

async function storylineOrder() {
  return browser.execute(() => [...document.querySelectorAll('[data-testid="storyline-claim"]')].map((li) => li.dataset.claimId));
}

let guaranteesId;
let donetskId;

test("search by a word of one claim and open the hit", async () => {
  app = await startApp({ pick: [BERLIN, REUTERS, ANI] });
  browser = app.browser;
  dir = app.dir;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  await (await browser.$(tid("import-results"))).waitForDisplayed({ timeout: 20000 });
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 3, {
    timeout: 20000,
    timeoutMsg: "three articles in the library",
  });
  await (await (await browser.$(tid("import-results"))).$("button=Dismiss")).click();

  await openArticle("Envoys meet Zelenskyy");
  await mark(GUARANTEES, "Volodymyr Zelenskyy");
  guaranteesId = await detailClaimId();
  await openArticle("will not cede territory");
  await mark(DONETSK, "Volodymyr Zelenskyy");
  donetskId = await detailClaimId();
  assert.notEqual(guaranteesId, donetskId);

  // `/` goes to the search box; an empty box explains the syntax.
  await (await browser.$("body")).click();
  await browser.keys("/");
  const input = await browser.$(tid("search-input"));
  assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "search-input", "/ focuses the search box");
  await input.setValue("x");
  await browser.keys("Backspace");
  await (await browser.$(tid("search-empty"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "40-search-empty");

  await input.setValue("Donetsk");
  await (await browser.$(tid("search-summary"))).waitForDisplayed({ timeout: 10000 });
  const claims = await browser.$(tid("search-section-claim"));
  await claims.waitForDisplayed({ timeout: 10000 });
  assert.match(await claims.getProperty("textContent"), /Donetsk/);
  const marks = await browser.execute(() => [...document.querySelectorAll('[data-testid="search-view"] mark')].map((m) => m.textContent));
  assert.ok(marks.some((m) => /Donetsk/i.test(m)), `the matched word is marked (${marks.join(", ")})`);
  await shot(browser, "41-search-results");

  // Keyboard: the first result is the claim; Enter opens it in the inspector.
  await browser.keys("Enter");
  assert.equal(await detailClaimId(), donetskId, "the claim hit opens the claim");
  assert.match(await text(tid("reader-title")), /will not cede territory/, "beside the article it appears in");
  await shot(browser, "42-claim-from-search");

  // A filter that excludes it: no results, with the way out. The box gave
  // up the focus on Enter, so `/` comes back to it without typing a slash.
  await browser.keys("/");
  assert.equal(await input.getValue(), "Donetsk");
  await (await browser.$(tid("search-view"))).waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("filter-outlet"))).selectByVisibleText("Example Daily");
  await (await browser.$(tid("search-none"))).waitForDisplayed({ timeout: 10000 });
  await shot(browser, "43-search-no-results");
  await (await browser.$(tid("search-clear-filters-none"))).click();
  await (await browser.$(tid("search-summary"))).waitForDisplayed({ timeout: 10000 });

  // Keep the search by name: the left pane lists it under the queues.
  await (await browser.$(tid("search-save"))).click();
  const saveName = await browser.$(tid("search-save-name"));
  await saveName.waitForDisplayed({ timeout: 5000 });
  assert.equal(await saveName.getValue(), "Donetsk", "the words are offered as the name");
  await saveName.setValue("Donetsk claims");
  await browser.keys("Enter");
  const savedEntry = await browser.$(tid("saved-search"));
  await savedEntry.waitForDisplayed({ timeout: 10000 });
  assert.equal((await savedEntry.getProperty("textContent")).trim(), "Donetsk claims");
  await waitForNotice(/Saved the search “Donetsk claims”/);
  await shot(browser, "43b-saved-search");

  // The appearance hit opens the article with the claim.
  const appearance = await browser.$(`${tid("search-section-appearance")} ${tid("search-result")}`);
  await appearance.waitForDisplayed({ timeout: 10000 });
  await appearance.click();
  assert.equal(await detailClaimId(), donetskId);
});

test("link the two claims (contradicts) and see the link on both", async () => {
  const section = await browser.$(tid("claim-links"));
  await section.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("link-add"))).click();
  await (await browser.$(tid("link-search"))).setValue("guarantees");
  const hit = await browser.$(tid("link-hit"));
  await hit.waitForDisplayed({ timeout: 10000 });
  await shot(browser, "44-link-pick");
  await hit.click();
  await (await browser.$(tid("link-relation"))).selectByAttribute("value", "contradicts:out");
  await (await browser.$(tid("link-note"))).setValue("Territory held versus a NATO trade-off");
  await shot(browser, "45-link-form");
  await (await browser.$(tid("link-save"))).click();
  const item = await browser.$(tid("link-item"));
  await item.waitForDisplayed({ timeout: 10000 });
  assert.match(await item.getProperty("textContent"), /contradicts/);
  assert.match(await item.getProperty("textContent"), /legally binding/);
  await shot(browser, "46-link-listed");

  // The other side: open the linked claim from the link.
  await (await browser.$(tid("link-other"))).click();
  await browser.waitUntil(async () => (await detailClaimId()) === guaranteesId, { timeout: 10000, timeoutMsg: "the other claim opens" });
  const back = await browser.$(tid("link-item"));
  await back.waitForDisplayed({ timeout: 10000 });
  assert.match(await back.getProperty("textContent"), /contradicts/);
  assert.match(await back.getProperty("textContent"), /Donetsk/);
  await shot(browser, "47-link-other-side");
});

test("a storyline with both claims: reorder, remove and Undo", async () => {
  // From the inspector of the guarantees claim: a new storyline.
  await (await browser.$(tid("storyline-add"))).click();
  await (await browser.$(tid("storyline-new-name"))).setValue("Berlin talks, Dec 2025");
  await shot(browser, "48-storyline-picker");
  await (await browser.$(tid("storyline-new-create"))).click();
  await (await browser.$(tid("claim-storyline"))).waitForDisplayed({ timeout: 10000 });

  // The Donetsk claim joins it through the existing-storyline list.
  await (await browser.$(tid("link-other"))).click();
  await browser.waitUntil(async () => (await detailClaimId()) === donetskId, { timeout: 10000, timeoutMsg: "back on the Donetsk claim" });
  await (await browser.$(tid("storyline-add"))).click();
  const pick = await browser.$(tid("storyline-pick"));
  await pick.waitForDisplayed({ timeout: 5000 });
  await pick.click();
  await (await browser.$(tid("claim-storyline"))).waitForDisplayed({ timeout: 10000 });
  await shot(browser, "49-claim-in-storyline");

  // The storylines list, then the page.
  await (await browser.$(tid("storylines-button"))).click();
  const row = await browser.$(tid("storyline-row"));
  await row.waitForDisplayed({ timeout: 10000 });
  assert.match(await row.getProperty("textContent"), /2 claims/);
  await shot(browser, "50-storylines-list");
  await row.click();
  await browser.waitUntil(async () => (await storylineOrder()).length === 2, { timeout: 10000, timeoutMsg: "the page lists both claims" });
  assert.deepEqual(await storylineOrder(), [guaranteesId, donetskId], "in the order they were added");
  await shot(browser, "51-storyline-page");

  // Alt+↑ on the second claim moves it first.
  const second = (await browser.$$(tid("storyline-claim-open")))[1];
  await second.click();
  // The click opened the claim: go back to the storyline and use the keyboard.
  await (await browser.$(tid("storylines-button"))).click();
  await (await browser.$(tid("storyline-row"))).click();
  await browser.waitUntil(async () => (await storylineOrder()).length === 2, { timeout: 10000, timeoutMsg: "the page again" });
  await browser.execute(() => document.querySelectorAll('[data-testid="storyline-claim-open"]')[1].focus());
  await browser.keys(["Alt", "ArrowUp"]);
  await browser.waitUntil(async () => (await storylineOrder())[0] === donetskId, { timeout: 10000, timeoutMsg: "Alt+↑ moved it up" });
  await shot(browser, "52-storyline-reordered");

  // The down button puts it back.
  await (await browser.$$(tid("storyline-claim-down")))[0].click();
  await browser.waitUntil(async () => (await storylineOrder())[0] === guaranteesId, { timeout: 10000, timeoutMsg: "the button moved it down" });

  // Remove the first, then Undo: it comes back first.
  await (await browser.$$(tid("storyline-claim-remove")))[0].click();
  await browser.waitUntil(async () => (await storylineOrder()).length === 1, { timeout: 10000, timeoutMsg: "removed" });
  await waitForNotice(/removed from the storyline/);
  await shot(browser, "53-storyline-removed");
  await (await browser.$(tid("notice-action"))).click();
  await browser.waitUntil(async () => (await storylineOrder()).join() === [guaranteesId, donetskId].join(), {
    timeout: 10000,
    timeoutMsg: "Undo put it back in its place",
  });
});

test("dark theme after a restart: the storyline, the links and the search are still there", async () => {
  await app.stop();
  app = await startApp({ dir, env: { GTK_THEME: "Adwaita:dark" } });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const name = (n, what) => `${n}-${dark ? "dark" : "light-not-dark"}-${what}`;
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });

  await (await browser.$(tid("storylines-button"))).click();
  await (await browser.$(tid("storyline-row"))).click();
  await browser.waitUntil(async () => (await storylineOrder()).length === 2, { timeout: 10000, timeoutMsg: "the storyline kept both claims" });
  await shot(browser, name(54, "storyline-page"));

  await (await browser.$$(tid("storyline-claim-open")))[0].click();
  await (await browser.$(tid("link-item"))).waitForDisplayed({ timeout: 10000 });
  await shot(browser, name(55, "claim-links"));

  await browser.keys("/");
  await (await browser.$(tid("search-input"))).setValue("guarantees");
  await (await browser.$(tid("search-summary"))).waitForDisplayed({ timeout: 10000 });
  await shot(browser, name(56, "search-results"));

  await browser.keys("?");
  await (await browser.$(tid("search-input"))).click();
  await browser.keys("Escape");
  await browser.keys("Escape");
  await (await browser.$("body")).click();
  await browser.keys("?");
  const dialog = await browser.$("[role=dialog]");
  await dialog.waitForDisplayed({ timeout: 5000 });
  assert.match(await dialog.getProperty("textContent"), /Search claims, quotes, articles and people/);
  await shot(browser, name(57, "shortcuts"));
  await browser.keys("Escape");
});

// Find everywhere and the timeline end to end in the real window (issue 4):
// import three agency stories from three outlets on three days that carry
// the same quote with different punctuation (straight and curly quotes, a
// hyphen, an em and an en dash) and the speaker's name spelled three ways
// (Zelenskyy, Zelenskiy, Zelensky); mark the quote in the first; Find
// everywhere finds the other two; accept both; the timeline shows three
// appearances in time order in one row per outlet. Then the same screens in
// the dark theme after a restart.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startApp, fixtures, tid, shot, selectText } from "./app.mjs";

const TRAIL = path.join(fixtures, "trail");
const FILES = ["1-ani-2025-12-14-nato-bid.txt", "2-reuters-2025-12-15-nato-bid.txt", "3-afp-2025-12-16-nato-bid.txt"].map((f) =>
  path.join(TRAIL, f),
);
const QUOTE = "We are ready to give up the NATO bid in exchange for legally binding security guarantees - and that is already a compromise on our part";

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
  await (await browser.$(tid("reader-body"))).waitForDisplayed({ timeout: 10000 });
}

/** What the timeline draws: the outlet of each point (time order), and the row labels. */
async function timelineState() {
  return browser.execute(() => ({
    points: [...document.querySelectorAll('[data-testid="timeline-point"]')].map((p) => ({
      outlet: p.dataset.outlet,
      at: Number(p.dataset.atMs),
      first: p.dataset.first === "true",
      x: Number(p.querySelector(".dot").getAttribute("cx")),
    })),
    rows: [...document.querySelectorAll('[data-testid="timeline-row-label"]')].map((r) => r.firstChild.textContent),
  }));
}

test("mark a quote, find it in two other outlets' copy, accept both, see the three on a timeline by outlet", async () => {
  app = await startApp({ pick: FILES });
  browser = app.browser;
  dir = app.dir;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  await browser.waitUntil(async () => (await browser.$$(tid("library-item"))).length === 3, {
    timeout: 20000,
    timeoutMsg: "the three stories are imported",
  });
  // The import report has been read: dismissed, to give the middle pane its height.
  await (await browser.$("button=Dismiss")).click();
  await openArticle("Zelenskyy says Ukraine ready");

  await selectText(browser, QUOTE);
  await browser.keys("m");
  const popover = await browser.$(tid("mark-popover"));
  await popover.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("claim-statement"))).setValue("Ukraine is ready to give up its NATO bid for legally binding security guarantees");
  await (await browser.$(tid("claim-claimant"))).setValue("Zelenskyy");
  await (await browser.$(tid("mark-submit"))).click();
  await popover.waitForDisplayed({ reverse: true, timeout: 10000 });
  await waitForNotice(/Claim marked/);
  await browser.execute(() => document.getSelection().removeAllRanges());
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "60-claim-find-everywhere-button");

  // F, with the focus on the page (not in a field), runs Find everywhere.
  await browser.execute(() => document.activeElement?.blur());
  await browser.keys("f");
  const panel = await browser.$(tid("find-panel"));
  await panel.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await browser.$$(tid("find-hit"))).length > 0 || (await browser.$(tid("find-no-hits")).isExisting()), {
    timeout: 20000,
    timeoutMsg: "Find everywhere answers",
  });
  const groups = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="find-group"]')].map((g) => ({
      text: g.textContent,
      hits: g.querySelectorAll('[data-testid="find-hit"]').length,
      marks: [...g.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  );
  assert.equal(groups.length, 2, "the quote is found in the two other stories: " + JSON.stringify(groups));
  assert.ok(groups.some((g) => /Reuters/.test(g.text)) && groups.some((g) => /AFP/.test(g.text)), "one group per outlet: " + JSON.stringify(groups));
  for (const g of groups) {
    assert.equal(g.hits, 1, "one hit per story");
    assert.match(g.marks[0], /We are ready to give up the NATO bid in exchange for legally binding security guarantees/);
  }
  await shot(browser, "61-find-everywhere-hits");

  // Accept both, one by one.
  for (let i = 0; i < 2; i++) {
    await (await browser.$(tid("hit-add"))).click();
    await browser.waitUntil(async () => (await browser.$$(tid("hit-added"))).length === i + 1, {
      timeout: 10000,
      timeoutMsg: `hit ${i + 1} is added`,
    });
  }
  await waitForNotice(/Added as an appearance/);
  await shot(browser, "62-find-everywhere-accepted");

  // The claim in the inspector now has three appearances.
  await browser.waitUntil(async () => (await browser.$$(tid("appearance-card"))).length === 3, {
    timeout: 10000,
    timeoutMsg: "the claim has three appearances",
  });

  await (await browser.$(tid("open-timeline"))).click();
  await (await browser.$(tid("timeline-view"))).waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await timelineState()).points.length === 3, { timeout: 10000, timeoutMsg: "three points" });
  const state = await timelineState();
  assert.deepEqual(
    state.points.map((p) => p.outlet),
    ["ANI", "Reuters", "AFP"],
    "in the order the statements were made: " + JSON.stringify(state.points),
  );
  assert.ok(state.points[0].at < state.points[1].at && state.points[1].at < state.points[2].at, "times increase");
  assert.ok(state.points[0].x < state.points[1].x && state.points[1].x < state.points[2].x, "and so do the x positions");
  assert.deepEqual(state.rows, ["ANI", "Reuters", "AFP"], "one row per outlet");
  assert.deepEqual(
    state.points.map((p) => p.first),
    [true, false, false],
    "the first appearance is marked",
  );
  assert.match(await text(tid("timeline-card")), /First appearance/);
  await shot(browser, "63-timeline-by-outlet");

  await browser.keys("ArrowRight");
  await browser.waitUntil(async () => /Reuters/.test(await text(tid("timeline-card"))), { timeout: 5000, timeoutMsg: "→ selects the next point" });
  await shot(browser, "64-timeline-second-point");

  await (await browser.$(tid("timeline-rows-claimant"))).click();
  await browser.waitUntil(async () => (await timelineState()).rows.length === 1, { timeout: 5000, timeoutMsg: "one claimant row" });
  await shot(browser, "65-timeline-by-claimant");

  await (await browser.$(tid("timeline-by-published"))).click();
  await browser.waitUntil(async () => (await text(tid("timeline-view"))).includes("Publication time"), { timeout: 5000, timeoutMsg: "basis" });
  await (await browser.$(tid("timeline-rows-outlet"))).click();
  for (let i = 0; i < 6; i++) await browser.keys("+");
  await shot(browser, "66-timeline-zoomed-in");
  await browser.keys("0");

  await browser.keys("Escape");
  await (await browser.$(tid("timeline-view"))).waitForDisplayed({ reverse: true, timeout: 5000 });
});

test("a related claim is linked from Find everywhere; the person's timeline draws both claims and the link", async () => {
  await openArticle("Ukraine could drop NATO ambition");
  await selectText(browser, "Ukraine could abandon its push for NATO membership if allies give it guarantees written into law");
  await browser.keys("m");
  const popover = await browser.$(tid("mark-popover"));
  await popover.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("claim-statement"))).setValue("Ukraine could abandon its push for NATO membership for guarantees written into law");
  await (await browser.$(tid("claim-claimant"))).setValue("Zelenskiy");
  await (await browser.$(tid("mark-submit"))).click();
  await popover.waitForDisplayed({ reverse: true, timeout: 10000 });
  await waitForNotice(/Claim marked/);
  await browser.execute(() => document.getSelection().removeAllRanges());

  // Back to the first claim, from its highlight in the ANI story.
  await openArticle("Zelenskyy says Ukraine ready");
  await (await browser.$(tid("highlight"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("highlight"))).click();
  await (await browser.$(tid("find-everywhere"))).click();
  await browser.waitUntil(async () => (await browser.$(tid("find-summary"))).isExisting(), { timeout: 20000, timeoutMsg: "answer" });
  const related = await browser.$(`${tid("related-claim")}*=abandon its push`);
  await related.waitForDisplayed({ timeout: 5000 });
  assert.ok(await browser.$(tid("find-no-hits")).isExisting(), "the places already added are not offered again");
  await (await related.$(tid("related-relation"))).selectByAttribute("value", "updates");
  await shot(browser, "67-find-everywhere-related");
  await (await related.$(tid("related-link"))).click();
  await (await related.$(tid("related-linked"))).waitForDisplayed({ timeout: 10000 });
  assert.match(await related.$(tid("related-linked")).getProperty("textContent"), /Updates/);
  await shot(browser, "68-find-everywhere-linked");

  await browser.keys(["Control", "Shift", "p"]);
  const zelenskyy = await browser.$(`${tid("person-row")}*=Zelensk`);
  await zelenskyy.waitForDisplayed({ timeout: 5000 });
  await (await zelenskyy.$(tid("person-timeline"))).click();
  await (await browser.$(tid("timeline-view"))).waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await timelineState()).points.length === 4, {
    timeout: 10000,
    timeoutMsg: "the person's four appearances (three of one claim, one of the other)",
  });
  const state = await timelineState();
  assert.deepEqual(state.rows, ["ANI", "Reuters", "AFP"], "rows by outlet");
  assert.equal(state.points.filter((p) => p.first).length, 2, "each claim's first appearance is marked");
  const links = await browser.$$(tid("timeline-link"));
  assert.equal(links.length, 1, "the link between the two claims is drawn");
  assert.equal(await links[0].getProperty("textContent"), "updates");
  await shot(browser, "69-timeline-person-with-link");
  await browser.keys("Escape");
});

test("dark theme: Find everywhere and the timeline", async () => {
  await app.stop();
  app = await startApp({ dir, env: { GTK_THEME: "Adwaita:dark" } });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const name = (n, what) => `${n}-${dark ? "dark" : "light-not-dark"}-${what}`;
  await openArticle("Zelenskyy says Ukraine ready");
  await (await browser.$(tid("highlight"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("highlight"))).click();
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("find-everywhere"))).click();
  await browser.waitUntil(async () => (await browser.$(tid("find-summary"))).isExisting(), { timeout: 20000, timeoutMsg: "answer" });
  await shot(browser, name(70, "find-everywhere"));
  await (await browser.$(tid("open-timeline"))).click();
  await browser.waitUntil(async () => (await timelineState()).points.length === 3, { timeout: 10000, timeoutMsg: "three points" });
  await shot(browser, name(71, "timeline"));
  await browser.keys("?");
  const shortcuts = await browser.$("[role=dialog]");
  await shortcuts.waitForDisplayed({ timeout: 5000 });
  assert.match(await shortcuts.getProperty("textContent"), /Find everywhere/);
  await browser.execute(() => [...document.querySelectorAll("[role=dialog] h3")].find((h) => /Across/.test(h.textContent))?.scrollIntoView());
  await shot(browser, name(72, "shortcuts-find-timeline"));
  await browser.keys("Escape");
  await shortcuts.waitForDisplayed({ reverse: true, timeout: 5000 });

  // A person with no claims: the timeline says so and what to do.
  await browser.keys(["Control", "Shift", "p"]);
  await (await browser.$(tid("person-new-name"))).setValue("Andrii Sybiha");
  await browser.keys("Enter");
  const sybiha = await browser.$(`${tid("person-row")}*=Sybiha`);
  await sybiha.waitForDisplayed({ timeout: 5000 });
  await (await sybiha.$(tid("person-timeline"))).click();
  await (await browser.$(tid("timeline-empty"))).waitForDisplayed({ timeout: 10000 });
  await shot(browser, name(73, "timeline-empty"));
});

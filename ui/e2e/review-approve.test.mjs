// Team review end to end in the real window: mark a claim in the ANI copy,
// assign it and add evidence, propose "False" with a rationale as the first
// user (who cannot approve their own verdict), add a second person through
// the top bar and switch to them, approve, see the claim locked, comment
// with a mention and a reply, and read the story in the History tab; then
// edit the approved statement (which reopens the review), and the dark theme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startApp, fixtures, tid, shot, selectText } from "./app.mjs";

const ani = readFileSync(path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"), "utf8");
const QUOTE = "Ukraine could accept legally binding security guarantees from the United States, European countries and other allies";
const RATIONALE =
  "Zelenskyy did not say Ukraine would drop its NATO bid outright: he said it could accept legally binding guarantees instead, and only as a concession in talks.\n\nThe WhatsApp transcript quoted by Al Jazeera keeps NATO membership as Ukraine's first aim.";
const SECOND = "Dana Okafor";

let app;
let browser;
let dir;

before(async () => {
  app = await startApp();
  browser = app.browser;
  dir = app.dir;
  await browser.setWindowSize(1280, 800).catch(() => {});
});

after(async () => {
  await app?.stop();
});

const text = async (id) => (await browser.$(tid(id))).getProperty("textContent");

async function waitForText(id, pattern, what) {
  await browser.waitUntil(async () => pattern.test(await text(id)), { timeout: 10000, timeoutMsg: what });
}

async function reviewTab() {
  await (await browser.$(tid("tab-review"))).click();
  await (await browser.$(tid("review-panel"))).waitForDisplayed({ timeout: 10000 });
}

/** Scrolls the inspector so `id` is in view, for the screenshot. */
async function scrollTo(id) {
  await browser.execute((sel) => {
    document.querySelector(sel)?.scrollIntoView({ block: "start" });
    // Only the inspector scrolls; the window itself stays put.
    document.scrollingElement.scrollTop = 0;
  }, tid(id));
}

/** Sets a text field's value as typing does (WebDriver's keys lose line breaks). */
async function setText(id, value) {
  await browser.execute(
    (sel, value) => {
      const el = document.querySelector(sel);
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    tid(id),
    value,
  );
}

async function setSelect(id, value) {
  await browser.execute(
    (sel, value) => {
      const el = document.querySelector(sel);
      el.value = value;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    tid(id),
    value,
  );
}

test("mark a claim in the ANI copy, assign it, add evidence", async () => {
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

  await selectText(browser, QUOTE);
  await browser.keys("m");
  const popover = await browser.$(tid("mark-popover"));
  await popover.waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("claim-statement"))).setValue("Ukraine would drop its NATO bid in exchange for Western security guarantees");
  await (await browser.$(tid("claim-claimant"))).setValue("Zelenskyy");
  await (await browser.$(tid("claim-condition"))).setValue("if the guarantees are legally binding");
  await (await browser.$(tid("mark-submit"))).click();
  await popover.waitForDisplayed({ reverse: true, timeout: 10000 });
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 10000 });

  await reviewTab();
  await waitForText("review-state", /Unreviewed/, "a new claim is unreviewed");
  await shot(browser, "75-review-unreviewed");

  await (await browser.$(tid("review-assign"))).click();
  await waitForText("review-state", /In review/, "Assign to me puts it in review");
  await waitForText("review-assignee", /E2E Reporter/, "assigned to the active user");
  await shot(browser, "76-review-in-review");

  await (await browser.$(tid("evidence-add"))).click();
  await (await browser.$(tid("evidence-target"))).setValue("https://www.aljazeera.com/news/2025/12/14/zelenskyy-nato-bid-security-guarantees");
  await (await browser.$(tid("evidence-note"))).setValue("Al Jazeera's account of the WhatsApp chat with reporters");
  await (await browser.$(tid("evidence-submit"))).click();
  await (await browser.$(tid("evidence-item"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("evidence-add"))).click();
  await (await browser.$(tid("evidence-kind-article"))).click();
  await (await browser.$(tid("evidence-this-article"))).waitForDisplayed({ timeout: 5000 });
  await (await browser.$(tid("evidence-submit"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("evidence-item"))).length === 2, {
    timeout: 10000,
    timeoutMsg: "the article open in the reader is added as evidence",
  });
  assert.match(await text("evidence-section"), /Ukraine open to dropping NATO bid/, "the article evidence shows its title");
  await scrollTo("evidence-section");
  await shot(browser, "77-review-evidence");
});

test("propose False as the first user, who cannot approve it", async () => {
  await scrollTo("review-panel");
  await setSelect("verdict-rating", "false");
  const propose = await browser.$(tid("review-propose"));
  assert.equal(await propose.isEnabled(), false, "a verdict needs a rationale before it can be proposed");
  await setText("verdict-rationale", RATIONALE);
  await propose.click();
  await waitForText("review-state", /Proposed/, "the verdict is proposed");
  const approve = await browser.$(tid("review-approve"));
  assert.equal(await approve.isEnabled(), false, "nobody approves their own verdict");
  assert.match(await text("review-approve-reason"), /someone else must approve/, "the reason is said in words");
  assert.match(await text("review-verdict"), /False/);
  await scrollTo("review-panel");
  await shot(browser, "78-review-proposed-by-proposer");
});

test("switch to a second person through the top bar and approve", async () => {
  await (await browser.$(tid("user-menu"))).click();
  await (await browser.$(tid("user-add"))).click();
  const name = await browser.$(tid("add-person-name"));
  await name.waitForDisplayed({ timeout: 5000 });
  await name.setValue(SECOND);
  await (await browser.$(tid("add-person-submit"))).click();
  await name.waitForDisplayed({ reverse: true, timeout: 10000 });
  await (await browser.$(tid("user-menu"))).click();
  const item = await browser.$(`${tid("user-item")}*=${SECOND}`);
  await item.waitForDisplayed({ timeout: 5000 });
  await item.click();
  await waitForText("user-menu", new RegExp(SECOND), "the top bar shows the new active user");

  await reviewTab();
  const approve = await browser.$(tid("review-approve"));
  await browser.waitUntil(() => approve.isEnabled(), { timeout: 10000, timeoutMsg: "another person may approve" });
  assert.equal(await browser.$(tid("review-approve-reason")).isExisting(), false, "no refusal is shown to the other person");
  await scrollTo("review-panel");
  await shot(browser, "79-review-proposed-other-user");

  await approve.click();
  await waitForText("review-state", /Approved/, "approved by the second person");
  await waitForText("claim-lock", new RegExp(`Approved by ${SECOND}`), "the claim shows it is locked and by whom");
  await waitForText("review-approved-by", new RegExp(SECOND), "the verdict says who approved it");
  await browser.execute(() => document.querySelector('[data-testid="claim-detail"]')?.scrollIntoView({ block: "start" }));
  await shot(browser, "80-review-approved-locked");

  await (await browser.$(tid("claim-edit"))).click();
  const statement = await browser.$(tid("claim-statement"));
  await statement.waitForDisplayed({ timeout: 5000 });
  assert.equal(await statement.getAttribute("readonly"), "true", "an approved claim's statement is not editable");
  await (await browser.$(tid("claim-unlock"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, "81-claim-locked-edit");
  await (await browser.$(tid("claim-cancel"))).click();
});

test("comments: a mention picked with the keyboard, and a reply", async () => {
  await (await browser.$(tid("tab-comments"))).click();
  await (await browser.$(tid("comments-empty"))).waitForDisplayed({ timeout: 5000 });
  const input = await browser.$(tid("comment-input"));
  await input.click();
  await browser.keys([..."@E2E"]);
  await (await browser.$(tid("mention-list"))).waitForDisplayed({ timeout: 5000 });
  await browser.keys("Enter");
  await input.addValue("could you add the ministry's transcript to the evidence?");
  assert.match(await input.getValue(), /^@E2E Reporter could you add/, "the picked name replaces what was typed");
  await browser.keys(["Control", "Enter"]);
  const comment = await browser.$(tid("comment"));
  await comment.waitForDisplayed({ timeout: 10000 });
  assert.equal(await (await comment.$(tid("mention"))).getProperty("textContent"), "@E2E Reporter", "the mention is highlighted");

  await (await comment.$(tid("comment-reply"))).click();
  const reply = await browser.$(`#reply-${await comment.getAttribute("data-comment-id")}`);
  await reply.waitForDisplayed({ timeout: 5000 });
  await reply.setValue("The transcript is in Ukrainian; a translation is on the shared drive.");
  await browser.keys(["Control", "Enter"]);
  await browser.waitUntil(async () => (await browser.$$(tid("comment"))).length === 2, { timeout: 10000, timeoutMsg: "the reply is listed" });
  await shot(browser, "82-comments-mention-reply");
});

test("the History tab tells the review story", async () => {
  await (await browser.$(tid("tab-history"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("history-entry"))).length >= 4, { timeout: 10000, timeoutMsg: "history entries" });
  const entries = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="history-entry"]')].map((e) => e.textContent.replace(/\s+/g, " ")),
  );
  const marked = entries.findIndex((e) => /marked the claim/.test(e));
  const proposed = entries.findIndex((e) => /proposed the verdict False/.test(e));
  const approved = entries.findIndex((e) => /approved the verdict/.test(e));
  assert.ok(marked >= 0 && proposed > marked && approved > proposed, `marked → proposed False → approved, oldest first:\n${entries.join("\n")}`);
  assert.match(entries[proposed], /E2E Reporter/, "the first user proposed");
  assert.match(entries[approved], new RegExp(SECOND), "the second user approved");
  assert.ok(entries.some((e) => /assigned the claim to E2E Reporter/.test(e)), "the assignment is told");
  await shot(browser, "83-history-tab");

  const entry = (await browser.$$(tid("history-entry")))[proposed];
  await (await entry.$(tid("history-expand"))).click();
  const changes = await entry.$(tid("history-changes"));
  await changes.waitForDisplayed({ timeout: 5000 });
  assert.match(await changes.getProperty("textContent"), /proposed/, "what the proposal changed, before → after");
  await browser.execute((el) => {
    el.scrollIntoView({ block: "nearest" });
    document.scrollingElement.scrollTop = 0;
  }, entry);
  await shot(browser, "84-history-expanded");
});

test("editing the approved statement reopens the review, with the reason", async () => {
  await (await browser.$(tid("claim-edit"))).click();
  await (await browser.$(tid("claim-unlock"))).click();
  const statement = await browser.$(tid("claim-statement"));
  await browser.waitUntil(async () => (await statement.getAttribute("readonly")) === null, { timeout: 5000, timeoutMsg: "unlocked" });
  await statement.setValue("Ukraine could drop its NATO bid in exchange for legally binding Western security guarantees");
  await (await browser.$(tid("claim-save"))).click();
  await (await browser.$(tid("review-panel"))).waitForDisplayed({ timeout: 10000 });
  await waitForText("review-state", /Reopened/, "the edit reopened the approved verdict");
  await waitForText("review-reopen-reason", /statement edited after approval/i, "with the automatic reason");
  assert.equal(await browser.$(tid("claim-lock")).isExisting(), false, "a reopened claim is no longer locked");
  await browser.execute(() => document.querySelector('[data-testid="claim-detail"]')?.scrollIntoView({ block: "start" }));
  await shot(browser, "85-review-reopened");

  await (await browser.$(tid("claims-back"))).click();
  const row = await browser.$(tid("claim-row-review"));
  await row.waitForDisplayed({ timeout: 5000 });
  assert.match(await row.getProperty("textContent"), /Reopened/);
  assert.match(await row.getProperty("textContent"), /False/, "the row shows the verdict chip");
  await shot(browser, "86-claims-list-review");
});

test("dark theme: the review section and the History", async () => {
  await app.stop();
  app = await startApp({ dir, env: { GTK_THEME: "Adwaita:dark" } });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const name = (n, what) => `${n}-${dark ? "dark" : "light-not-dark"}-${what}`;
  const row = await browser.$(tid("library-item"));
  await row.waitForDisplayed({ timeout: 20000 });
  await row.click();
  await (await browser.$(tid("inspector-tab-claims"))).click();
  await (await browser.$(tid("claim-row"))).click();
  await reviewTab();
  // Propose again (the claim was reopened), so the dark shot shows a verdict and the approve reason.
  // The reopened claim is still E2E Reporter's: Dana takes it over first.
  await waitForText("review-others-claim", /Assigned to E2E Reporter/, "whose claim it is");
  await (await browser.$(tid("review-assign"))).click();
  await waitForText("review-assignee", /Dana Okafor/, "taken over");
  await setSelect("verdict-rating", "mostly_false");
  await setText("verdict-rationale", RATIONALE);
  await (await browser.$(tid("review-propose"))).click();
  await waitForText("review-state", /Proposed/, "proposed again");
  await scrollTo("review-panel");
  await shot(browser, name(87, "review"));
  await (await browser.$(tid("tab-history"))).click();
  await browser.waitUntil(async () => (await browser.$$(tid("history-entry"))).length >= 4, { timeout: 10000, timeoutMsg: "history" });
  await shot(browser, name(88, "history"));
  await (await browser.$(tid("tab-comments"))).click();
  await (await browser.$(tid("comment"))).waitForDisplayed({ timeout: 5000 });
  await shot(browser, name(89, "comments"));
});

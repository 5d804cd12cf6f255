// Exports end to end in the real window: mark a claim in the ANI copy, open
// Export from the claim inspector, see the HTML report in the sandboxed
// preview, save it (the save dialog answered through CLAIMTRAIL_E2E_PICK) and
// read the file; the CSV preview; save the Web Annotations and import them
// back (every one already there); and the dialog in the dark theme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot, selectText } from "./app.mjs";

const ani = readFileSync(path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"), "utf8");
const QUOTE = "Ukraine could accept legally binding security guarantees from the United States, European countries and other allies";
const STATEMENT = "Ukraine would drop its NATO bid in exchange for Western security guarantees";

const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-export-"));
const OUT = path.join(dir, "saved-export");

let app;
let browser;

before(async () => {
  app = await startApp({ dir, pick: [OUT] });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
});

after(async () => {
  await app?.stop();
});

const text = async (id) => (await browser.$(tid(id))).getProperty("textContent");

async function waitForText(id, pattern, what) {
  await browser.waitUntil(async () => pattern.test(await text(id).catch(() => "")), { timeout: 10000, timeoutMsg: what });
}

async function waitForPreview(kind) {
  const el = await browser.$(tid(kind === "html" ? "export-preview-html" : "export-preview-text"));
  await el.waitForDisplayed({ timeout: 10000 });
  return el;
}

async function save() {
  const button = await browser.$(tid("export-save"));
  await browser.waitUntil(() => button.isEnabled(), { timeout: 10000, timeoutMsg: "Save… becomes possible" });
  await button.click();
  await waitForText("export-saved", /Saved to/, "the dialog says where the file went");
}

test("mark a claim, export it as an HTML report, see the preview and save it", async () => {
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
  await (await browser.$(tid("claim-statement"))).setValue(STATEMENT);
  await (await browser.$(tid("claim-claimant"))).setValue("Zelenskyy");
  await (await browser.$(tid("mark-submit"))).click();
  await popover.waitForDisplayed({ reverse: true, timeout: 10000 });
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 10000 });

  await (await browser.$(tid("claim-export"))).click();
  await (await browser.$(tid("export-dialog"))).waitForDisplayed({ timeout: 5000 });
  assert.equal(await (await browser.$(tid("export-scope-claim"))).isSelected(), true, "opened from the claim, it exports the claim");
  const frame = await waitForPreview("html");
  assert.equal(await frame.getAttribute("sandbox"), "", "the report is previewed in a sandbox with nothing allowed");
  const srcdoc = await frame.getProperty("srcdoc");
  assert.match(srcdoc, /NATO bid/, "the preview holds the report of the claim");
  await waitForText("export-counts", /1 claim, 1 appearance/, "the counts");
  await shot(browser, "90-export-html-light");

  await save();
  const saved = await text("export-saved");
  assert.match(saved, new RegExp(OUT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.ok(existsSync(OUT), "the file is written where the save dialog said");
  const report = readFileSync(OUT, "utf8");
  assert.match(report, /<html/i, "an HTML report");
  assert.match(report, /drop its NATO bid in exchange for Western security guarantees/, "holding the claim");
  await shot(browser, "91-export-saved");
});

test("the CSV preview is text, and the whole workspace exports the same claim", async () => {
  await (await browser.$(tid("export-format-csv"))).click();
  await (await browser.$(tid("export-scope-workspace"))).click();
  const pre = await waitForPreview("text");
  await browser.waitUntil(async () => /claim_id,claim,claimant/.test(await pre.getProperty("textContent")), {
    timeout: 10000,
    timeoutMsg: "the CSV header in the preview",
  });
  assert.match(await pre.getProperty("textContent"), /Western security guarantees/);
  assert.equal(await (await browser.$(tid("export-preview-html"))).isExisting(), false, "no frame for text formats");
  await shot(browser, "92-export-csv-light");
});

test("a TimelineJS export's options: the clock its times are placed on, and proposed verdicts marked", async () => {
  await (await browser.$(tid("export-format-timelinejs"))).click();
  const zone = await browser.$(tid("export-zone"));
  await zone.waitForDisplayed({ timeout: 5000 });
  assert.ok((await zone.getValue()).length > 0, "the user's zone to begin with");
  await zone.setValue("Asia/Kolkata");
  await browser.waitUntil(async () => /Times are placed in Asia\/Kolkata/.test(await text("export-preview-text").catch(() => "")), {
    timeout: 10000,
    timeoutMsg: "the preview follows the zone",
  });
  const preview = await text("export-preview-text");
  assert.match(preview, /"display_date": "/, "each time as its source gave it");
  assert.doesNotMatch(preview, /"media"/, "no article drawn as an image");
  await zone.setValue("Mars/Olympus");
  await browser.waitUntil(async () => /not a time zone/.test(await text("export-dialog")), {
    timeout: 10000,
    timeoutMsg: "a zone that is none is said plainly",
  });
  await shot(browser, "96-export-timelinejs-bad-zone");
  await (await browser.$(tid("export-zone-mine"))).click();
  await (await browser.$(tid("export-unapproved"))).click();
  await browser.waitUntil(async () => /"display_date"/.test(await text("export-preview-text").catch(() => "")), {
    timeout: 10000,
    timeoutMsg: "the preview is back",
  });
  await shot(browser, "96-export-timelinejs-options");
  await (await browser.$(tid("export-unapproved"))).click();
});

test("save the Web Annotations and import them back: every one is already there", async () => {
  await (await browser.$(tid("export-format-annotations"))).click();
  await browser.waitUntil(async () => /AnnotationPage/.test(await text("export-preview-text").catch(() => "")), {
    timeout: 10000,
    timeoutMsg: "the annotation page in the preview",
  });
  await save();
  assert.match(readFileSync(OUT, "utf8"), /TextQuoteSelector/);
  await browser.keys("Escape");
  await (await browser.$(tid("export-dialog"))).waitForDisplayed({ reverse: true, timeout: 5000 });

  await (await browser.$(tid("workspace-menu"))).click();
  await (await browser.$(tid("import-annotations"))).click();
  const results = await browser.$(tid("annotation-results"));
  await results.waitForDisplayed({ timeout: 10000 });
  await waitForText("annotation-counts", /1 already there/, "the one annotation is a duplicate");
  const rows = await browser.$$(tid("annotation-result"));
  assert.equal(rows.length, 1);
  assert.equal(await rows[0].getAttribute("data-status"), "duplicate");
  await shot(browser, "93-annotation-results-light");
  await browser.keys("Escape");
});

test("dark theme: the Export dialog and its HTML preview", async () => {
  await app.stop();
  app = await startApp({ dir, pick: [OUT], env: { GTK_THEME: "Adwaita:dark" } });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const name = (n, what) => `${n}-export-${dark ? "dark" : "light-not-dark"}-${what}`;
  await browser.keys(["Control", "e"]);
  await (await browser.$(tid("export-dialog"))).waitForDisplayed({ timeout: 5000 });
  assert.equal(await (await browser.$(tid("export-scope-workspace"))).isSelected(), true, "Ctrl+E exports the whole workspace");
  await waitForPreview("html");
  await waitForText("export-counts", /1 claim/, "the counts");
  await shot(browser, name(94, "html"));
  await (await browser.$(tid("export-format-claimreview"))).click();
  await (await browser.$(tid("export-organisation"))).waitForDisplayed({ timeout: 5000 });
  // ClaimReview names who publishes the reviews: the organisation, saved when a field is left.
  await (await browser.$(tid("export-org-name"))).setValue("Newsroom Fact Check");
  await (await browser.$(tid("export-org-url"))).setValue("https://factcheck.example.org");
  await browser.keys("Tab");
  const pre = await waitForPreview("text");
  await browser.waitUntil(async () => (await pre.getProperty("textContent")).trim() === "[]", {
    timeout: 10000,
    timeoutMsg: "no approved verdict: an empty list of ClaimReviews",
  });
  // Said once: by the core's note when it gives one, else by the dialog's own line.
  await waitForText("export-dialog", /no approved verdict/i, "nothing approved: ClaimReview says why it is empty");
  await shot(browser, name(95, "claimreview"));
});

// The Export dialog's filters and notes in the real window. The command line
// builds the workspace first: the ANI copy and a Reuters-style article (both
// dated 15 December) and a pasted brief with no date at all, a claim marked
// in each. In the app: the whole workspace holds 3 claims; a December date
// window leaves out the undated one, the outlet ANI keeps one; folded, the
// filters read as one line; a date the core refuses says why; cleared,
// TimelineJS says which appearance it leaves out for want of a date. Then
// the same in the dark theme. Screenshots: export-filter-*.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-export-filter-"));
const db = path.join(dir, "workspace.db");
const BRIEF = path.join(dir, "undated-brief.txt");
const UNDATED = "will reopen before the spring floods";

const cli = (...args) => execFileSync(CLI, ["--db", db, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const cliJson = (...args) => JSON.parse(cli(...args, "--json"));

let app;
let browser;

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI}); set CLAIMTRAIL_CLI to use another`);
  // Pasted text with no date line, no byline, no outlet.
  writeFileSync(
    BRIEF,
    `Minister promises the bridge by spring\n\nThe transport minister said the bridge "${UNDATED}", according to a council briefing note seen by reporters.\n`,
  );
  cliJson("user", "add", "E2E Reporter");
  cli("import", path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt"), path.join(fixtures, "reuters-style.txt"), BRIEF);
  const articles = cliJson("articles");
  const id = (outlet) => articles.find((a) => (a.outlet ?? null) === outlet).id;
  const mark = (article, quote, ...rest) => cliJson("claim", "add", "--article", article, "--quote", quote, ...rest);
  mark(id("ANI"), "Ukraine could accept legally binding security guarantees from the United States, European countries and other allies",
    "--statement", "Ukraine would drop its NATO bid for Western security guarantees", "--claimant", "Zelenskyy");
  mark(id("Reuters"), "A truce along the current front lines could be considered fair", "--claimant", "Zelenskiy");
  mark(id(null), UNDATED, "--statement", "The bridge will reopen before the spring floods", "--claimant", "the transport minister");
});

after(async () => {
  await app?.stop();
});

async function start(env = {}) {
  await app?.stop();
  app = await startApp({ dir, env });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
}

const text = async (id) => (await browser.$(tid(id))).getProperty("textContent");

async function waitForText(id, pattern, what) {
  await browser.waitUntil(async () => pattern.test(await text(id).catch(() => "")), { timeout: 10000, timeoutMsg: what });
}

async function openExport() {
  await browser.keys(["Control", "e"]);
  await (await browser.$(tid("export-dialog"))).waitForDisplayed({ timeout: 5000 });
  await waitForText("export-counts", /^3 claims, 3 appearances$/, "the whole workspace: 3 claims");
}

async function openFilters() {
  const toggle = await browser.$(tid("export-filters-toggle"));
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await (await browser.$(tid("export-filter-from"))).waitForDisplayed({ timeout: 5000 });
}

async function setDates(from, to) {
  await (await browser.$(tid("export-filter-from"))).setValue(from);
  await (await browser.$(tid("export-filter-to"))).setValue(to);
}

test("a date window and an outlet narrow the export, and the counts follow", async () => {
  await start();
  await openExport();
  assert.match(await text("export-filter-summary"), /None/, "no filters at first, in one line");
  await openFilters();
  await setDates("2025-12-01", "2025-12-31");
  await waitForText("export-counts", /^2 claims, 2 appearances$/, "the undated appearance is outside any date window");
  await (await browser.$(tid("export-filter-outlet"))).selectByVisibleText("ANI");
  await waitForText("export-counts", /^1 claim, 1 appearance$/, "only what ANI published");
  const frame = await browser.$(tid("export-preview-html"));
  await browser.waitUntil(async () => /drop its NATO bid/.test(await frame.getProperty("srcdoc")), {
    timeout: 10000,
    timeoutMsg: "the report holds ANI's claim",
  });
  assert.doesNotMatch(await frame.getProperty("srcdoc"), /front lines/, "and not the Reuters one");
  await shot(browser, "export-filter-light-set");

  // Folded, the filters read as one line.
  await (await browser.$(tid("export-filters-toggle"))).click();
  await waitForText("export-filter-summary", /ANI · 2025-12-01 to 2025-12-31, said/, "the summary of the filters");
  await shot(browser, "export-filter-light-folded");
});

test("a date the core refuses says why, and Save waits", async () => {
  await openFilters();
  await (await browser.$(tid("export-filter-outlet"))).selectByVisibleText("Any outlet");
  await (await browser.$(tid("export-filter-from"))).setValue("2025-02-30");
  await waitForText("export-error", /“2025-02-30” is not a date/, "the core's refusal, shown");
  assert.equal(await (await browser.$(tid("export-save"))).isEnabled(), false, "nothing to save from a refused filter");
  await shot(browser, "export-filter-light-refused");
});

test("cleared, the TimelineJS preview says which appearance has no date", async () => {
  await (await browser.$(tid("export-clear-filters"))).click();
  await waitForText("export-counts", /^3 claims, 3 appearances$/, "everything again");
  await (await browser.$(tid("export-format-timelinejs"))).click();
  await waitForText("export-notes", /1 appearance has no date/, "the note on the undated appearance");
  assert.match(await text("export-notes"), new RegExp(UNDATED), "naming its quote");
  await shot(browser, "export-filter-light-note");
  await browser.keys("Escape");
});

test("dark theme: filters set, and the note", async () => {
  await start({ GTK_THEME: "Adwaita:dark" });
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const name = (what) => `export-filter-${dark ? "dark" : "light-not-dark"}-${what}`;
  await openExport();
  await openFilters();
  await (await browser.$(tid("export-filter-text"))).setValue("NATO");
  await (await browser.$(tid("export-filter-outlet"))).selectByVisibleText("ANI");
  await (await browser.$(`${tid("export-filter-date-by")} [data-by="published"]`)).click();
  await setDates("2025-12-01", "2025-12-31");
  await waitForText("export-counts", /^1 claim, 1 appearance$/, "words, outlet and dates together");
  await shot(browser, name("set"));
  await (await browser.$(tid("export-clear-filters"))).click();
  await (await browser.$(tid("export-format-timelinejs"))).click();
  await waitForText("export-notes", /no date/, "the note");
  await shot(browser, name("note"));
});

// Matching by meaning in the real window (issue 21): a workspace with one
// marked claim imports a paraphrase and a Ukrainian translation of it; the
// window reads their statements in the background, and Find everywhere
// offers them as "Same meaning" and "Translation", the claim's words beside
// the translation. Then the same workspace with the model turned off says
// so and finds only words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, tid, shot, modelFile } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-meaning-"));
const db = path.join(dir, "workspace.db");
const env = { ...process.env, CLAIMTRAIL_DB: db, CLAIMTRAIL_LOG_DIR: dir, CLAIMTRAIL_USER: "E2E Reporter" };
const cli = (...args) => execFileSync(CLI, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const QUOTE = "Ukraine is ready to hold elections once a ceasefire is in place";
const page = (slug, outlet, date, body) =>
  `---\ntitle: ${slug}\nurl: https://${outlet.toLowerCase().replace(/ /g, "")}.example/${slug.toLowerCase().replace(/ /g, "-")}\noutlet: ${outlet}\ndate: ${date}\n---\n\n${body}\n`;
const speech = path.join(dir, "speech.md");
const paraphrase = path.join(dir, "paraphrase.md");
const translation = path.join(dir, "translation.md");
writeFileSync(speech, page("Zelenskyy in Berlin", "Kyiv Wire", "2025-12-14T18:00:00+02:00", `\u201c${QUOTE},\u201d Zelenskyy told reporters in Berlin on Sunday.`));
writeFileSync(
  paraphrase,
  page("Monday briefing", "Daily Ledger", "2025-12-15T08:00:00+00:00", "Markets in Europe were calm on Monday.\n\nZelenskyy said Ukraine was prepared to hold elections as soon as a ceasefire takes effect."),
);
writeFileSync(
  translation,
  page(
    "Зеленський про вибори",
    "Ukrainska Pravda",
    "2025-12-15T09:00:00+02:00",
    "\u00abУкраїна готова провести вибори, щойно буде встановлено режим припинення вогню\u00bb, \u2014 сказав Зеленський.",
  ),
);

let app;

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI})`);
  assert.ok(existsSync(modelFile), `the model is installed (${modelFile}; scripts/model.sh)`);
  const [imported] = JSON.parse(cli("import", speech, "--json"));
  cli("claim", "add", "--article", imported.article.id, "--quote", QUOTE, "--claimant", "Volodymyr Zelenskyy");
});

after(async () => {
  await app?.stop();
});

async function findForClaim(browser) {
  const row = await browser.$(`${tid("library-item")}*=Zelenskyy in Berlin`);
  await row.waitForDisplayed({ timeout: 20000 });
  await row.click();
  await (await browser.$(tid("highlight"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("highlight"))).click();
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 10000 });
  await browser.keys("f");
  await (await browser.$(tid("find-summary"))).waitForDisplayed({ timeout: 20000 });
}

test("imported coverage is read in the background; Find everywhere offers the paraphrase and the translation beside the claim's words", async () => {
  app = await startApp({ dir, pick: [paraphrase, translation], env: { CLAIMTRAIL_MODEL: modelFile } });
  const browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "o"]);
  await (await browser.$(tid("import-results"))).waitForDisplayed({ timeout: 20000 });
  // The window reads the new articles' statements by itself.
  await browser.waitUntil(() => JSON.parse(cli("embed", "--status", "--json")).waiting === 0, {
    timeout: 60000,
    interval: 500,
    timeoutMsg: "the window embedded the imported articles",
  });
  await (await browser.$(tid("embedding-progress"))).waitForDisplayed({ reverse: true, timeout: 10000 });
  // The tracked claim is looked for by meaning in what was read: both wait in New appearances.
  await browser.waitUntil(async () => (await (await browser.$(tid("queue-count-reappearances"))).getProperty("textContent")) === "2", {
    timeout: 20000,
    timeoutMsg: "New appearances counts the paraphrase and the translation",
  });
  await shot(browser, "95b-said-again-notice");
  await (await browser.$(tid("queue-reappearances"))).click();
  const groups = await browser.$$(tid("reappearance-group"));
  assert.equal(groups.length, 2);
  await shot(browser, "95c-new-appearances-by-meaning");
  // Find everywhere offers the same places (each also waits in New appearances).
  await findForClaim(browser);
  const names = await browser.execute(() => [...document.querySelectorAll('[data-testid="find-kind"]')].map((k) => k.dataset.kind));
  assert.deepEqual(names, ["paraphrase", "translation"]);
  const beside = await browser.$(tid("hit-original"));
  const shown = await beside.getProperty("textContent");
  assert.match(shown, /The claim’s words/);
  assert.ok(shown.includes(QUOTE), "the claim's words stand beside the translation");
  assert.match(shown, /вибори/);
  assert.equal(await browser.$(tid("meaning-off")).isExisting(), false);
  await shot(browser, "96-find-same-meaning");
  // A click adds the translation as an appearance.
  const group = await browser.$(`${tid("find-kind")}[data-kind="translation"] + ul`);
  await (await group.$(tid("hit-add"))).click();
  await (await group.$(tid("hit-added"))).waitForDisplayed({ timeout: 10000 });
  const claims = JSON.parse(cli("claims", "--json"));
  assert.equal(claims[0].appearances.length, 2);
  assert.equal(JSON.parse(cli("reappearances", "--json")).length, 1, "the accepted place no longer waits");
  await shot(browser, "97-translation-added");
  await app.stop();
  app = null;
});

test("with the model turned off the window says matching by meaning is off and finds words only", async () => {
  app = await startApp({ dir, env: { CLAIMTRAIL_MODEL: "off" } });
  const browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await findForClaim(browser);
  const off = await browser.$(tid("meaning-off"));
  await off.waitForDisplayed({ timeout: 10000 });
  assert.match(await off.getProperty("textContent"), /Matching by meaning is off: it is turned off with CLAIMTRAIL_MODEL=off\. Only the claim’s words/);
  assert.equal((await browser.$$(tid("find-kind"))).length, 0, "no same-meaning hits");
  await shot(browser, "98-meaning-off");
});

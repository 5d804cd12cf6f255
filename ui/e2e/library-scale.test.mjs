// The library at scale in the real window. The command line imports 2,000
// small generated articles (one every 20 hours from January 2019) before the
// app starts. The library says "2,000 articles" and keeps fewer than 100 rows
// in the DOM, each row's content fits its fixed height; scrolled to the
// bottom it shows the oldest article, which opens in the reader; j/k and
// Home move the highlight across pages; the filter narrows the count. Light
// and dark. Screenshots: scale-*.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, tid, shot } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-scale-"));
const db = path.join(dir, "workspace.db");
const N = 2000;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const PLACES = ["Kyiv", "Berlin", "Warsaw", "Paris", "London", "Geneva", "Vilnius", "Riga"];
const OUTLETS = ["Reuters", "AP", "AFP"];
const TOPICS = ["council", "budget", "harbour", "railway", "tariff", "election", "ministry", "hospital", "bridge", "pipeline"];

const cli = (...args) => execFileSync(CLI, ["--db", db, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const title = (i) =>
  `Scale story ${String(i).padStart(4, "0")}: ${TOPICS[i % 10]} and ${TOPICS[(i * 7) % 10]} talks resume in ${PLACES[i % 8]}`;

let app;
let browser;

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI}); set CLAIMTRAIL_CLI to use another`);
  const txt = path.join(dir, "txt");
  mkdirSync(txt);
  const start = Date.UTC(2019, 0, 1, 9);
  for (let i = 1; i <= N; i++) {
    const d = new Date(start + i * 20 * 3600_000);
    const hour = d.getUTCHours();
    const clock = `${String(hour % 12 || 12).padStart(2, "0")}:00 ${hour < 12 ? "AM" : "PM"}`;
    const place = PLACES[i % 8];
    const outlet = OUTLETS[i % 3];
    writeFileSync(
      path.join(txt, `story-${String(i).padStart(4, "0")}.txt`),
      `${title(i)}\nBy Staff Writer ${i}\nPublished: ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${clock} GMT\n\n` +
        `${place.toUpperCase()}, ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCDate()} (${outlet}) - Officials discussed item ${i} ` +
        `and statement ${(i * 7919) % 100003}, according to a spokesperson.\n\nThe matter of story ${i} will be reviewed next week.\n`,
    );
  }
  cli("user", "add", "E2E Reporter");
  const started = Date.now();
  cli("import", txt);
  console.log(`imported ${N} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

after(async () => {
  await app?.stop();
});

async function start(env = {}) {
  await app?.stop();
  app = await startApp({ dir, env });
  browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("library-item"))).waitForDisplayed({ timeout: 30000 });
}

/** What the list holds in the DOM now: the rows, their indexes and whether each one's content fits its height. */
const listState = () =>
  browser.execute(() => {
    const rows = [...document.querySelectorAll('[data-testid="library-item"]')];
    return {
      rows: rows.length,
      placeholders: document.querySelectorAll('[data-testid="library-placeholder"]').length,
      indexes: rows.map((r) => Number(r.dataset.index)),
      overflowing: rows.filter((r) => r.scrollHeight > r.clientHeight + 1).map((r) => r.dataset.index),
      heights: [...new Set(rows.map((r) => r.getBoundingClientRect().height))],
      scrollTop: document.querySelector('[data-testid="library-scroll"]').scrollTop,
    };
  });

const rowAt = (index) => browser.$(`[data-testid="library-item"][data-index="${index}"]`);

async function scrollList(to) {
  await browser.execute((to) => {
    const el = document.querySelector('[data-testid="library-scroll"]');
    el.scrollTop = to === "bottom" ? el.scrollHeight : to;
  }, to);
}

test("2,000 articles: a short DOM, the oldest at the bottom opens, keys move across pages, the filter counts", async () => {
  await start();
  assert.equal(await (await browser.$(tid("library-count"))).getProperty("textContent"), "2,000 articles");

  let state = await listState();
  assert.ok(state.rows > 5 && state.rows < 100, `only the rows in view are in the DOM (${state.rows})`);
  assert.deepEqual(state.overflowing, [], "every row's title and line under it fit the fixed height");
  assert.deepEqual(state.heights, [72], "every row is 72 px (73 with the gap)");
  assert.equal(await (await rowAt(0)).getProperty("textContent").then((t) => t.includes(title(N))), true, "the newest first");
  await shot(browser, "scale-01-library-top");

  // Halfway: the page in view loads.
  await scrollList(1000 * 73);
  await (await rowAt(1000)).waitForExist({ timeout: 10000 });
  assert.ok((await (await rowAt(1000)).getProperty("textContent")).includes(title(N - 1000)));

  // The bottom: the oldest article.
  await scrollList("bottom");
  const last = await rowAt(N - 1);
  await last.waitForExist({ timeout: 10000 });
  assert.ok((await last.getProperty("textContent")).includes(title(1)), "the oldest article is last");
  state = await listState();
  assert.ok(state.rows < 100, `still a short DOM at the bottom (${state.rows})`);
  assert.equal(state.placeholders, 0, "no row left waiting");
  assert.ok(state.indexes.every((i) => i > N - 100), "only rows near the bottom");
  await shot(browser, "scale-02-library-deep");

  await last.click();
  await browser.waitUntil(async () => (await (await browser.$(tid("reader-title"))).getText()) === title(1), {
    timeout: 10000,
    timeoutMsg: "the oldest article opens in the reader",
  });
  assert.equal(await last.getAttribute("aria-selected"), "true");

  // k moves up one; Home goes back to the top, page 0.
  await browser.keys("k");
  await browser.waitUntil(async () => (await (await rowAt(N - 2)).getAttribute("aria-selected")) === "true", { timeout: 5000 });
  await browser.keys("Home");
  await browser.waitUntil(async () => (await listState()).scrollTop === 0, { timeout: 5000, timeoutMsg: "Home scrolls to the top" });
  assert.equal(await (await rowAt(0)).getAttribute("aria-selected"), "true");
  // End: the last row again, highlighted and scrolled to.
  await browser.keys("End");
  await browser.waitUntil(async () => (await (await rowAt(N - 1)).getAttribute("aria-selected").catch(() => null)) === "true", {
    timeout: 5000,
  });
  await shot(browser, "scale-03-library-end-selected");

  // The filter narrows the list and its count, from the top.
  const filter = await browser.$(tid("library-filter"));
  await filter.setValue("story 1234");
  await browser.waitUntil(async () => (await (await browser.$(tid("library-count"))).getProperty("textContent")) === "1 article matches", {
    timeout: 5000,
  });
  state = await listState();
  assert.equal(state.rows, 1);
  assert.equal(state.scrollTop, 0);
  await shot(browser, "scale-04-library-filtered");
});

test("dark theme: the library at the top and deep", async () => {
  await start({ GTK_THEME: "Adwaita:dark" });
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const theme = dark ? "dark" : "light-not-dark";
  await shot(browser, `scale-05-library-top-${theme}`);
  await scrollList(1500 * 73);
  await (await rowAt(1500)).waitForExist({ timeout: 10000 });
  await (await rowAt(1502)).click();
  await browser.waitUntil(async () => (await (await browser.$(tid("reader-title"))).getText()) === title(N - 1502), {
    timeout: 10000,
  });
  await shot(browser, `scale-06-library-deep-${theme}`);
});

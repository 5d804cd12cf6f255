// An attack carried in what was imported never reaches a reader of an
// export. Hostile values go in through every importer (a saved page whose
// title, byline, outlet, og:url, JSON-LD url and body carry script; a
// Markdown file whose front matter url is `javascript:`; a text file; the
// same page by URL from a local server), become claims with hostile
// statements and an approved verdict, and every format is exported. Then
// each export is opened where it is published, in headless Chromium: the
// HTML report, TimelineJS rendering the JSON and the sheet (CSV), and the
// ClaimReview JSON-LD inside a page's <script> block. Every payload would
// set window.__pwned or leave an element with an event handler; none may.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { startChromium, serve, timelinePage, TIMELINEJS } from "./chromium.mjs";
import { screenshots } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");

const PWN = "window.__pwned=1";
const VECTORS = {
  title: `</script><script>${PWN}</script><img src=x onerror=${PWN}>`,
  byline: `<svg onload=${PWN}>`,
  outlet: `"><img src=x onerror=${PWN}>`,
  ogUrl: `<img src=x onerror=${PWN}> iframe`,
  ldUrl: `javascript:${PWN}`,
  quote: `"><iframe src=javascript:${PWN}></iframe> the strikes go on`,
};

const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-hostile-"));
const env = { ...process.env, CLAIMTRAIL_DB: path.join(dir, "workspace.db"), CLAIMTRAIL_LOG_DIR: dir };
delete env.CLAIMTRAIL_USER;
const cli = (...args) => execFileSync(CLI, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const json = (...args) => JSON.parse(cli(...args, "--json"));

const attr = (s) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
const text = (s) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;");

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${text(VECTORS.title)}</title>
<meta property="og:title" content="${attr(VECTORS.title)}">
<meta property="og:site_name" content="${attr(VECTORS.outlet)}">
<meta property="og:url" content="${attr(VECTORS.ogUrl)}">
<meta name="author" content="${attr(VECTORS.byline)}">
<meta property="article:published_time" content="2025-12-15T02:37:51+05:30">
<script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", url: VECTORS.ldUrl, headline: VECTORS.title }).replaceAll("<", "\\u003c")}</script>
</head><body><article><h1>${text(VECTORS.title)}</h1>
<p>Officials said: “${text(VECTORS.quote)}”, adding that repairs continue.</p>
<p>A second paragraph holds &lt;script&gt;${PWN}&lt;/script&gt; as text, which is how it must stay everywhere.</p>
<p>Repair crews worked through the night to restore supplies to hospitals and water pumping stations.</p>
</article></body></html>`;

let chromium;
let pages;
let server;
const exports = {};

before(async () => {
  const html = path.join(dir, "saved-page.html");
  writeFileSync(html, page);
  const md = path.join(dir, "note.md");
  writeFileSync(
    md,
    `---\ntitle: ${JSON.stringify(VECTORS.title)}\nurl: ${VECTORS.ldUrl}\noutlet: ${JSON.stringify(VECTORS.outlet)}\ndate: 2025-12-14T22:30:00+01:00\n---\n\nThe minister said: "${VECTORS.quote}" on Sunday evening.\n`,
  );
  const txt = path.join(dir, "wire.txt");
  writeFileSync(txt, `${VECTORS.title}\n\nKYIV, Dec 14 - The spokesman said: "${VECTORS.quote}" in a statement.\n`);
  server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page.replace("Repair crews", "By URL, repair crews"));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const byUrl = `http://127.0.0.1:${server.address().port}/story`;

  cli("user", "add", "Dana Okafor");
  cli("user", "add", "Ali Rahman");
  cli("organisation", "Desk Check", "--url", "https://desk.example");
  // Not execFileSync: the page is served by this very process.
  const { stdout } = await promisify(execFile)(CLI, ["import", html, md, txt, byUrl, "--json"], { env, encoding: "utf8" });
  const imported = JSON.parse(stdout);
  assert.equal(imported.filter((o) => o.status === "imported").length, 4, JSON.stringify(imported.map((o) => [o.input, o.status, o.reason])));
  for (const [n, outcome] of imported.entries()) {
    const claim = json(
      "claim",
      "add",
      "--article",
      outcome.article.id,
      "--quote",
      "the strikes go on",
      "--statement",
      `${VECTORS.title} (${n})`,
      "--claimant",
      VECTORS.byline,
    );
    cli("--as", "Dana Okafor", "verdict", claim.id, "--rating", "false", "--rationale", `${VECTORS.outlet} rationale`);
    cli("--as", "Ali Rahman", "approve", claim.id);
  }
  for (const format of ["html", "timelinejs", "timelinejs-csv", "claimreview", "md", "csv", "json", "annotations"]) {
    const file = path.join(dir, `export-${format}`);
    cli("export", "--format", format, "--zone", "UTC", "-o", file);
    exports[format] = readFileSync(file, "utf8");
  }
  pages = await serve({
    pages: {
      "/report.html": exports.html,
      "/timeline.html": timelinePage("/export.json"),
      "/sheet.html": timelinePage("/export.csv"),
      "/export.json": exports.timelinejs,
      "/export.csv": exports["timelinejs-csv"],
      "/claimreview.html": `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Fact check</title>
<script type="application/ld+json">${exports.claimreview}</script></head><body><h1>Our fact check</h1>
<script>window.__parsed = JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent).length;</script></body></html>`,
      "/favicon.ico": "",
    },
    roots: { "/tl/": TIMELINEJS },
  });
  chromium = await startChromium();
});

after(async () => {
  await chromium?.stop();
  await pages?.close();
  server?.close();
});

/** Nothing ran and no element carries a handler or a script address. */
async function assertInert(browser, where) {
  const found = await browser.execute(() => ({
    pwned: window.__pwned ?? null,
    culprit: [...document.querySelectorAll("img, svg, iframe")].map((el) => `${el.outerHTML.slice(0, 200)} in .${el.parentElement?.className ?? ""}`),
    handlers: [...document.querySelectorAll("*")]
      .filter((el) => [...el.attributes].some((a) => a.name.startsWith("on")))
      .map((el) => el.outerHTML.slice(0, 120)),
    scriptLinks: [...document.querySelectorAll("[href], [src]")]
      .map((el) => el.getAttribute("href") ?? el.getAttribute("src"))
      .filter((v) => /^\s*javascript:/i.test(v)),
    iframes: document.querySelectorAll("iframe").length,
  }));
  assert.equal(found.pwned, null, `${where}: a payload ran (${JSON.stringify(found)})`);
  assert.deepEqual(found.handlers, [], `${where}: an element with an event handler`);
  assert.deepEqual(found.scriptLinks, [], `${where}: a javascript: address`);
  assert.equal(found.iframes, 0, `${where}: an iframe was made`);
}

test("the HTML report shows every hostile value as text and runs nothing", async () => {
  const browser = chromium.browser;
  await browser.url(`${pages.url}/report.html`);
  await (await browser.$("main")).waitForExist({ timeout: 10000 });
  await assertInert(browser, "report");
  const shown = await browser.execute(() => document.body.innerText);
  assert.ok(shown.includes("</script><script>"), "the title is shown as the text it is");
  await browser.saveScreenshot(path.join(screenshots, "hostile-report.png"));
});

for (const [name, file] of [
  ["JSON", "timeline.html"],
  ["sheet", "sheet.html"],
]) {
  test(`TimelineJS renders the ${name} export and runs nothing`, async () => {
    const browser = chromium.browser;
    await browser.url(`${pages.url}/${file}`);
    await browser.waitUntil(() => browser.execute(() => window.__ready === true), { timeout: 20000, timeoutMsg: "TimelineJS got ready" });
    for (let i = 0; i < 5; i++) {
      await browser.execute((n) => window.timeline.goTo(n), i);
      await browser.pause(300);
      await assertInert(browser, `TimelineJS ${name}, slide ${i}`);
    }
    await browser.saveScreenshot(path.join(screenshots, `hostile-timelinejs-${name.toLowerCase()}.png`));
  });
}

test("ClaimReview inside a page's script block stays data: it parses and ends nowhere early", async () => {
  const browser = chromium.browser;
  await browser.url(`${pages.url}/claimreview.html`);
  await (await browser.$("h1")).waitForExist({ timeout: 10000 });
  await assertInert(browser, "ClaimReview page");
  assert.equal(await browser.execute(() => window.__parsed ?? null), 4, "all four reviews read back from the block");
  assert.equal(await browser.execute(() => document.querySelectorAll("script").length), 2, "no script block was ended and another begun");
});

test("the text formats carry no live address", () => {
  for (const format of ["md", "csv", "json", "annotations", "timelinejs", "claimreview"]) {
    assert.ok(!/\]\(<?\s*javascript:/i.test(exports[format]), `${format}: a javascript: link`);
  }
  for (const format of ["timelinejs", "claimreview", "annotations"]) {
    assert.ok(!exports[format].includes("</script"), `${format}: could end a script block`);
    assert.ok(!exports[format].includes('"url": "javascript:'), `${format}: a javascript: url`);
  }
  assert.ok(!/(^|[^\\])<(img|svg|iframe|script)/i.test(exports.md), "Markdown: raw markup not escaped");
});

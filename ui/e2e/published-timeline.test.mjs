// Claim timelines where they are published: the TimelineJS export (its JSON,
// and its sheet as CSV) rendered by TimelineJS 3.9.11 from its npm package,
// and the HTML report, both in headless Chromium. The workspace is made
// with the CLI: one statement carried in Kyiv, Delhi (+05:30) and Berlin,
// a Kremlin statement dated only by its day, one verdict approved and one
// only proposed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startChromium, serve, severeLogs, timelinePage, TIMELINEJS } from "./chromium.mjs";
import { screenshots } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");

const dir = mkdtempSync(path.join(tmpdir(), "claimtrail-published-"));
const env = { ...process.env, CLAIMTRAIL_DB: path.join(dir, "workspace.db"), CLAIMTRAIL_LOG_DIR: dir };
delete env.CLAIMTRAIL_USER;

function cli(...args) {
  return execFileSync(CLI, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
const json = (...args) => JSON.parse(cli(...args, "--json"));

function article(name, { title, url, outlet, date }, body) {
  const file = path.join(dir, `${name}.md`);
  writeFileSync(file, `---\ntitle: ${title}\nurl: ${url}\noutlet: ${outlet}\ndate: ${date}\n---\n\n${body}\n`);
  return json("import", file)[0].article.id;
}

const COMPROMISE = "And it is already a compromise from our part";
const claims = {};
// When each event happened, by appearance id, in milliseconds.
const instants = new Map();
let dayOnly;
let pages;
let chromium;
let timelineJson;

before(async () => {
  cli("user", "add", "Dana Okafor");
  cli("user", "add", "Ali Rahman");
  const kyiv = article(
    "kyiv",
    { title: "Zelenskyy: the plan is a compromise", url: "https://kyivwire.example/compromise", outlet: "Kyiv Wire", date: "2025-12-14T18:00:00+02:00" },
    `President Volodymyr Zelenskyy told reporters in Kyiv: "${COMPROMISE}." He said the talks would go on.`,
  );
  const delhi = article(
    "delhi",
    { title: "Zelenskyy says Ukraine has already compromised", url: "https://delhidesk.example/world/zelenskyy", outlet: "Delhi Desk", date: "2025-12-15T02:37:51+05:30" },
    `Ukrainian President Volodymyr Zelenskyy said: "${COMPROMISE}," according to remarks carried overnight.`,
  );
  const berlin = article(
    "berlin",
    { title: "Selenskyj spricht von Kompromiss", url: "https://tagblatt.example/selenskyj", outlet: "Berliner Tagblatt", date: "2025-12-14T22:30:00+01:00" },
    `In English, President Volodymyr Zelenskyy said in Berlin: "${COMPROMISE}." The chancellor welcomed the talks.`,
  );
  const moscow = article(
    "moscow",
    { title: "Kremlin says position unchanged", url: "https://planet.example/kremlin", outlet: "Daily Planet", date: "2025-12-16" },
    `Kremlin spokesman Dmitry Peskov told reporters: "Thus, today the position of Russia remains unchanged." Talks go on, he added.`,
  );
  const a = json("claim", "add", "--article", kyiv, "--quote", COMPROMISE, "--claimant", "Volodymyr Zelenskyy", "--statement", "Ukraine's peace plan is already a compromise");
  claims.compromise = a.id;
  json("claim", "add", "--article", delhi, "--quote", COMPROMISE, "--to", a.id);
  const all = json("claim", "add", "--article", berlin, "--quote", COMPROMISE, "--to", a.id);
  const peskov = json("claim", "add", "--article", moscow, "--quote", '"Thus, today the position of Russia remains unchanged."');
  claims.peskov = peskov.id;
  for (const claim of [all, peskov]) {
    for (const ap of claim.appearances) {
      const t = ap.stated_at;
      instants.set(ap.id, /T00:00:00$/.test(t) || /^\d{4}-\d\d-\d\d$/.test(t) ? Date.parse(`${t.slice(0, 10)}T00:00:00+01:00`) : Date.parse(t));
      if (claim === peskov) dayOnly = ap.id;
    }
  }
  cli("--as", "Dana Okafor", "verdict", claims.compromise, "--rating", "misleading", "--rationale", "Nothing was conceded in the talks.");
  cli("--as", "Ali Rahman", "approve", claims.compromise);
  cli("--as", "Dana Okafor", "verdict", claims.peskov, "--rating", "mostly_true", "--rationale", "Still being checked.");

  const out = (format, ...more) => {
    const file = path.join(dir, `export.${format}`);
    cli("export", "--format", format, "--zone", "Europe/Berlin", "-o", file, ...more);
    return readFileSync(file, "utf8");
  };
  timelineJson = out("timelinejs");
  const sheet = out("timelinejs-csv");
  const report = out("html");
  pages = await serve({
    pages: {
      "/json.html": timelinePage("/export.json"),
      "/sheet.html": timelinePage("/export.csv"),
      "/export.json": timelineJson,
      "/export.csv": sheet,
      "/report.html": report,
      "/favicon.ico": "",
    },
    roots: { "/tl/": TIMELINEJS },
  });
  chromium = await startChromium();
});

after(async () => {
  await chromium?.stop();
  await pages?.close();
});

/** Opens a TimelineJS page and reads what it drew. */
async function drawn(browser, page) {
  await browser.url(`${pages.url}/${page}`);
  await browser.waitUntil(() => browser.execute(() => window.__ready === true || document.querySelector(".tl-message-full") !== null), {
    timeout: 20000,
    timeoutMsg: "TimelineJS never got ready",
  });
  // Let it lay out the time navigator.
  await browser.pause(800);
  return browser.execute(() => {
    const config = window.timeline?.config;
    const markers = [...document.querySelectorAll(".tl-timemarker")].map((m) => ({
      id: m.id.replace(/-marker$/, ""),
      left: m.getBoundingClientRect().left,
      headline: m.querySelector(".tl-headline")?.textContent.trim() ?? "",
    }));
    const slides = [...document.querySelectorAll(".tl-slide")].map((s) => ({
      id: s.id,
      date: s.querySelector(".tl-headline-date")?.textContent.trim() ?? "",
      text: s.textContent,
    }));
    return {
      errors: [...window.__errors, ...(config?.getErrors() ?? ["no config"])],
      warnings: (config?.messages.warnings ?? []).map(String),
      message: document.querySelector(".tl-message-full")?.textContent ?? "",
      events: config?.events.length,
      markers,
      slides,
      body: document.body.textContent,
    };
  });
}

for (const [name, page] of [
  ["its JSON", "json.html"],
  ["its sheet as CSV", "sheet.html"],
]) {
  test(`TimelineJS draws ${name}: every event in order, days as days, headlines that differ, no proposed verdict`, async () => {
    const browser = chromium.browser;
    const seen = await drawn(browser, page);
    assert.equal(seen.message, "", "no error message in place of the timeline");
    assert.deepEqual(seen.errors, [], "no errors");
    assert.deepEqual(await severeLogs(browser), [], "nothing severe in the console");
    const exported = JSON.parse(timelineJson).events;
    assert.equal(seen.events, exported.length, "every exported event is read");
    assert.equal(seen.slides.length, exported.length + 1, "one slide per event, and the title");
    assert.equal(seen.markers.length, exported.length, "one marker per event");

    if (page === "json.html") {
      // Markers in the order the statements were made, Delhi's 02:37 (+05:30)
      // before Berlin's 22:30 (+01:00) the evening before.
      const byTime = [...seen.markers].sort((a, b) => instants.get(a.id.slice(3)) - instants.get(b.id.slice(3)));
      const lefts = byTime.map((m) => m.left);
      for (let i = 1; i < lefts.length; i++) {
        assert.ok(lefts[i] > lefts[i - 1], `markers in time order: ${JSON.stringify(byTime)}`);
      }
    }
    const headlines = new Set(seen.markers.map((m) => m.headline));
    assert.ok(headlines.size > 1, `headlines differ: ${[...headlines]}`);
    assert.ok(![...headlines].some((h) => h === "Volodymyr Zelenskyy" || h === "Dmitry Peskov"), "a headline says what was claimed, not who");

    const day = seen.slides.find((s) => s.id.includes(dayOnly) || s.text.includes("Thus, today"));
    assert.ok(day, "the Kremlin statement has a slide");
    assert.ok(!/00:00|12:00 ?AM/i.test(day.date), `a day is not shown at midnight: ${day.date}`);
    assert.ok(!/[“"]\s*[“"]/.test(day.text), `one pair of quote marks: ${day.text}`);

    assert.ok(seen.body.includes("Misleading"), "the approved verdict is shown");
    assert.ok(!seen.body.includes("Mostly true"), "the proposed verdict is left out");
    const shot = page.replace(".html", "");
    await browser.saveScreenshot(path.join(screenshots, `timelinejs-${shot}-title.png`));
    // The Delhi slide: its time as Delhi gave it, and on the desk's clock.
    await browser.execute(() => window.timeline.goTo(2));
    await browser.pause(1200);
    await browser.saveScreenshot(path.join(screenshots, `timelinejs-${shot}-event.png`));
  });
}

test("the HTML report's chart: labels clear of the points, a label per day, tooltips that end in words", async () => {
  const browser = chromium.browser;
  await browser.url(`${pages.url}/report.html`);
  await (await browser.$(".chart")).waitForExist({ timeout: 10000 });
  const seen = await browser.execute(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: el.textContent || el.getAttribute("title") };
    };
    return {
      labels: [...document.querySelectorAll(".chart-label")].filter((l) => l.textContent).map(box),
      dots: [...document.querySelectorAll(".chart .dot:not(.legend .dot)")].map(box),
      ticks: [...document.querySelectorAll(".tick")].map(box),
      tips: [...document.querySelectorAll(".chart .dot[title]")].map((d) => d.getAttribute("title")),
      text: document.body.innerText,
    };
  });
  assert.deepEqual(await severeLogs(browser), [], "nothing severe in the console");
  const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  assert.equal(seen.dots.length, 4, "a point per dated appearance");
  for (const label of seen.labels) {
    for (const dot of seen.dots) assert.ok(!overlap(label, dot), `label ${JSON.stringify(label)} clear of point ${JSON.stringify(dot)}`);
  }
  // 14, 15 and 16 December on the desk's (Berlin's) clock.
  assert.deepEqual(
    seen.ticks.map((t) => t.text),
    ["14 Dec", "15 Dec", "16 Dec"],
  );
  for (let i = 1; i < seen.ticks.length; i++) assert.ok(seen.ticks[i].left >= seen.ticks[i - 1].right, "day labels do not overlap");
  for (const tip of seen.tips) assert.ok(/\w\)?$/.test(tip.trim()), `a tooltip ends in words: “${tip}”`);
  assert.ok(seen.text.includes("15 Dec 2025, 02:37 (UTC+05:30)"), "the Delhi time as its source gave it");
  assert.ok(!/16 Dec 2025, 00:00/.test(seen.text), "the day-only statement has no midnight");
  assert.ok(!seen.text.includes("Mostly true"), "the proposed verdict is left out");
  await browser.saveScreenshot(path.join(screenshots, "report-chart.png"));
});

// The timeline stays fluid with 1,000 points in the real webview: the app's
// answer to the `timeline` command is replaced (in the page, before the
// call) by 1,000 synthetic appearances of 40 claims from 25 outlets over
// three weeks. Asserted: what is drawn (all when fitted, the stretch around
// the view when zoomed in) and that scrolling within it changes nothing in
// the DOM; the times to draw, zoom and scroll are logged, not asserted, as
// they depend on the machine (software rendering under Xvfb here).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

let app;

after(async () => {
  await app?.stop();
});

test("a 1,000-point timeline draws every point when fitted, only the stretch around the view when zoomed, and scrolls without DOM work", async () => {
  app = await startApp({ pick: [path.join(fixtures, "trail", "1-ani-2025-12-14-nato-bid.txt")] });
  const browser = app.browser;
  await browser.setWindowSize(1280, 800).catch(() => {});
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  // Answer `timeline` in the page with 1,000 points; every other command goes to the app.
  // (Tauri's invoke cannot be replaced; its IPC goes through fetch to ipc://localhost/<command>.)
  await browser.execute(() => {
    const fetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === "string" ? input : input.url;
      if (!/^ipc:\/\/localhost\/timeline$/.test(url) && !/\/\/ipc\.localhost\/timeline$/.test(url)) return fetch(input, init);
      const args = JSON.parse(init.body);
      const t0 = Date.parse("2025-12-01T00:00:00Z");
      const points = Array.from({ length: 1000 }, (_, i) => {
        const at = new Date(t0 + i * 30 * 60_000 + (i % 7) * 60_000).toISOString();
        return {
          appearance_id: `ap${i}`,
          claim_id: `c${i % 40}`,
          statement: `Claim ${i % 40}`,
          claimant: `Person ${i % 9}`,
          article_id: `a${i}`,
          article_title: `Article ${i}`,
          outlet: `Outlet ${i % 25}`,
          url: null,
          exact: `Words of appearance ${i}`,
          kind: "direct_quote",
          speaker: `Person ${i % 9}`,
          attribution: [{ name: `Person ${i % 9}`, kind: "person", cue: null }],
          stated_at: at,
          published_at: at,
          at,
          at_ms: Date.parse(at),
          at_fallback: i % 50 === 0,
          first: i < 40,
          change: null,
          anchor: "anchored",
        };
      });
      const links = Array.from({ length: 20 }, (_, i) => ({
        link_id: `l${i}`,
        relation: i % 2 ? "contradicts" : "updates",
        from_claim_id: `c${i}`,
        to_claim_id: `c${i + 1}`,
        from_appearance_id: `ap${i}`,
        to_appearance_id: `ap${i + 1}`,
      }));
      const body = JSON.stringify({ title: "1,000 appearances", by: args.query.by, points, links });
      return Promise.resolve(new Response(body, { headers: { "Content-Type": "application/json", "Tauri-Response": "ok" } }));
    };
  });
  // Opened from a person in the People dialog (any scope gets the answer above).
  await browser.keys(["Control", "Shift", "p"]);
  await (await browser.$(tid("person-new-name"))).setValue("Test Person");
  await browser.keys("Enter");
  const row = await browser.$(`${tid("person-row")}*=Test Person`);
  await row.waitForDisplayed({ timeout: 5000 });
  const clicked = Date.now();
  await (await row.$(tid("person-timeline"))).click();
  await browser
    .waitUntil(async () => (await browser.$$(tid("timeline-row-label"))).length === 25, { timeout: 10000, timeoutMsg: "drawn" })
    .catch(async (error) => {
      await shot(browser, "74-timeline-thousand-points-failed");
      throw error;
    });
  await browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const drawMs = Date.now() - clicked;

  // Scrolling within the drawn stretch changes nothing in the DOM (the
  // browser only scrolls); zooming redraws only the stretch around the view.
  const checks = await browser.execute(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const press = (key) => window.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    const count = () => document.querySelectorAll('[data-testid="timeline-point"]').length;
    const scroller = document.querySelector(".scroller");
    const plot = document.querySelector('[data-testid="timeline-plot"]');
    const atFit = count();
    const zoom = [];
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      press("+");
      await frame();
      zoom.push(Math.round(performance.now() - t));
    }
    const zoomedIn = count();
    let mutations = 0;
    const observer = new MutationObserver((records) => (mutations += records.length));
    observer.observe(plot, { subtree: true, childList: true, attributes: true, characterData: true });
    const scroll = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      scroller.scrollLeft += i % 2 ? -40 : 60;
      await frame();
      scroll.push(Math.round(performance.now() - t));
    }
    observer.disconnect();
    const idle = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await frame();
      idle.push(Math.round(performance.now() - t));
    }
    return { atFit, zoomedIn, mutations, zoom, scroll, idle };
  });
  console.log(`1,000 points: first draw ${drawMs} ms (click to painted, through WebDriver); ${JSON.stringify(checks)} (ms per two frames; idle is the frame rate here)`);
  await shot(browser, "74-timeline-thousand-points");
  assert.equal(checks.atFit, 1000, "fitted, every point is drawn");
  assert.ok(checks.zoomedIn < 300, `zoomed in, only the stretch around the view is drawn (${checks.zoomedIn})`);
  assert.equal(checks.mutations, 0, "a short scroll is the browser's alone: no DOM change");
  assert.ok(drawMs < 10000, `drawn in ${drawMs} ms`);
});

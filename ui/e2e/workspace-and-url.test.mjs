// Importing a web page by its address (from a server on loopback started
// here), and switching the window to a new, empty workspace file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const newWorkspace = path.join(mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-new-")), "second.db");
let app;
let browser;
let server;
let base;

before(async () => {
  const page = readFileSync(path.join(fixtures, "hostile-page.html"));
  server = http.createServer((req, res) => {
    if (req.url === "/story") {
      res.writeHead(302, { Location: "/world/grid-attacks" });
      res.end();
    } else if (req.url === "/world/grid-attacks") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  // Every dialog in this app answers with the new workspace's path.
  app = await startApp({ pick: [newWorkspace] });
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  server?.close();
});

test("a web page is imported by its address, following redirects", async () => {
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "l"]);
  const input = await browser.$(tid("url-input"));
  await input.waitForDisplayed();
  await input.setValue(`${base}/story`);
  await (await browser.$(tid("url-submit"))).click();
  const outcome = await browser.$(tid("url-outcome"));
  await outcome.waitForDisplayed({ timeout: 15000 });
  assert.equal(await outcome.getAttribute("data-status"), "imported", await outcome.getText());
  await shot(browser, "08-url-dialog");
  await browser.keys("Escape");

  await (await browser.$(tid("library-item"))).click();
  const url = await browser.$(tid("reader-url"));
  await url.waitForDisplayed({ timeout: 10000 });
  assert.equal(await url.getText(), `${base}/world/grid-attacks`, "the address after redirects is kept");
});

test("an address that is not a web page is refused with a message", async () => {
  await browser.keys(["Control", "l"]);
  const input = await browser.$(tid("url-input"));
  await input.waitForDisplayed();
  await input.setValue(`${base}/missing`);
  await (await browser.$(tid("url-submit"))).click();
  const outcome = await browser.$(tid("url-outcome"));
  await browser.waitUntil(async () => /404/.test(await outcome.getText()), {
    timeout: 15000,
    timeoutMsg: "the refusal names the server's answer",
  });
  assert.equal(await outcome.getAttribute("data-status"), "rejected");
  await browser.keys("Escape");
});

test("New workspace… switches the window to a new, empty workspace file", async () => {
  // textContent: WebKitWebDriver reports no text for the ellipsised name.
  const name = async () => (await browser.$(tid("workspace-name"))).getProperty("textContent");
  const before = await name();
  await (await browser.$(tid("workspace-menu"))).click();
  await (await browser.$(tid("new-workspace"))).click();
  await browser.waitUntil(async () => (await name()) === "second.db", {
    timeout: 10000,
    timeoutMsg: `the workspace name changes from ${before} to second.db`,
  });
  await (await browser.$(tid("empty-library"))).waitForDisplayed({ timeout: 10000 });
  assert.equal((await browser.$$(tid("library-item"))).length, 0, "the new workspace starts empty");
  assert.ok(existsSync(newWorkspace), "the workspace file was created where the dialog said");
  await shot(browser, "09-new-workspace");
});

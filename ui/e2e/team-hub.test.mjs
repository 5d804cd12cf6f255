// The team hub end to end: a real PostgreSQL server (scripts/pg-test-cluster.sh),
// two real app windows on two workspaces. The command line sets up the hub
// (Dana, reporter; Erik, editor) and Dana's desk (the ANI copy, a claim, a
// proposed verdict). Erik's desk joins through the Team dialog (Test
// connection, then Join) and receives the team's work. With both windows
// open, Erik approves in his; Dana's window shows the claim approved by
// Erik Lund without a reload. Then the hub stops: Dana's top bar says
// offline, her comment waits, and reaches Erik once the hub is back.
// Screenshots: the join form, the joined status, the approval on both
// desks, the offline desk. Last, a modified desk: Dana's desk is made to
// think she is an editor, she approves Erik's proposal, and the hub refuses
// it; her desk sets it back and says why (screenshots of the refused state
// in the top bar and in the Team dialog).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, fixtures, tid, shot } from "./app.mjs";

const CLI = process.env.CLAIMTRAIL_CLI ?? path.resolve("../target/debug/claimtrail");
const CLUSTER = path.resolve("../scripts/pg-test-cluster.sh");
const ANI = path.join(fixtures, "ani-2025-12-15-nato-guarantees.txt");
const QUOTE = "Ukraine could accept legally binding security guarantees from the United States, European countries and other allies";
const ADMIN_PASSWORD = "hub-admin-secret";

const root = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-hub-"));
// Beside, not inside, the 0700 root: the server runs as `postgres` under root.
const pgDir = mkdtempSync(path.join(tmpdir(), "claimtrail-e2e-pg-"));
const dirA = mkdtempSync(path.join(root, "desk-a-"));
const dirB = mkdtempSync(path.join(root, "desk-b-"));
const secrets = mkdtempSync(path.join(root, "secrets-"));
const dbA = path.join(dirA, "workspace.db");
let port;
let claimId;
let deskA;
let deskB;

// The password in a file of its own: never the keyring of whoever runs the tests.
const env = { CLAIMTRAIL_SECRETS_DIR: secrets, CLAIMTRAIL_KEYRING: "off", CLAIMTRAIL_LOG: "off" };
// The windows log (into their desk folders), so a window that goes away
// mid-test leaves its last words in the test output.
const appEnv = { ...env, CLAIMTRAIL_LOG: "info" };
const cli = (db, ...args) =>
  execFileSync(CLI, ["--db", db, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
const cliJson = (db, ...args) => JSON.parse(cli(db, ...args, "--json"));
const hubUrl = (login, password) => `postgres://${login}:${password}@127.0.0.1:${port}/team`;

before(() => {
  assert.ok(existsSync(CLI), `the command line is built (${CLI})`);
  port = execFileSync("bash", [CLUSTER, "start", pgDir, ADMIN_PASSWORD], { encoding: "utf8" }).trim();
  const admin = hubUrl("admin", ADMIN_PASSWORD);
  const nowhere = path.join(root, "unused.db");
  cli(nowhere, "hub", "init", admin);
  cli(nowhere, "hub", "user", "add", "Dana Okafor", "--login", "dana", "--role", "reporter", "--password", "dana-password-1", "--hub", admin);
  cli(nowhere, "hub", "user", "add", "Erik Lund", "--login", "erik", "--role", "editor", "--password", "erik-password-1", "--hub", admin);
  cli(dbA, "hub", "join", hubUrl("dana", "dana-password-1"));
  cli(dbA, "import", ANI);
  const [article] = cliJson(dbA, "articles");
  claimId = cliJson(dbA, "claim", "add", "--article", article.id, "--quote", QUOTE, "--statement", "Ukraine would drop its NATO bid for Western security guarantees", "--claimant", "Zelenskyy").id;
  cliJson(dbA, "verdict", claimId, "--rating", "mostly_false", "--rationale", "He named guarantees as a possible concession, not a decision.");
  const status = cliJson(dbA, "hub", "status");
  assert.equal(status.pending_out, 0, "Dana's desk sent its work");
});

after(async () => {
  await deskA?.stop().catch(() => {});
  await deskB?.stop().catch(() => {});
  execFileSync("bash", [CLUSTER, "stop", pgDir]);
  rmSync(root, { recursive: true, force: true });
  rmSync(pgDir, { recursive: true, force: true });
});

const textOf = async (browser, id) => (await browser.$(tid(id))).getProperty("textContent");

async function waitForText(browser, id, pattern, what, timeout = 15000) {
  let last = "";
  await browser
    .waitUntil(
      async () => {
        last = await textOf(browser, id).catch(() => "");
        return pattern.test(last);
      },
      { timeout, timeoutMsg: `${what} (shows: ${last})` },
    )
    .catch(async (e) => {
      await shot(browser, `team-failed-${id}`);
      const errors = await browser.$$(tid("error-banner"));
      if (errors.length > 0) throw new Error(`${e.message}; an error is shown: ${await errors[0].getProperty("textContent")}`);
      throw e;
    });
}

async function setField(browser, id, value) {
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

async function open(dir, user) {
  const app = await startApp({ dir, env: { ...appEnv, CLAIMTRAIL_USER: user } });
  await app.browser.setWindowSize(1280, 800).catch(() => {});
  await (await app.browser.$(tid("workspace-menu"))).waitForDisplayed({ timeout: 20000 });
  return app;
}

/** Opens the claim from the Needs approval queue, on its Review tab. */
async function openForReview(browser, id = claimId) {
  const queue = await browser.$(tid("queue-needs_approval"));
  await queue.waitForDisplayed({ timeout: 15000 });
  await queue.click();
  const row = await browser.$(`${tid("queue-claim")}[data-claim-id="${id}"]`);
  await row.waitForDisplayed({ timeout: 15000 });
  await row.click();
  await (await browser.$(tid("claim-detail"))).waitForDisplayed({ timeout: 10000 });
  await (await browser.$(tid("tab-review"))).click();
  await (await browser.$(tid("review-panel"))).waitForDisplayed({ timeout: 10000 });
}

test("Erik's new desk joins the team through the Team dialog and receives the team's work", async () => {
  deskB = await open(dirB, "Erik (laptop)");
  const b = deskB.browser;
  await (await b.$(tid("workspace-menu"))).click();
  await (await b.$(tid("team-open"))).click();
  await (await b.$(tid("team-join-form"))).waitForDisplayed({ timeout: 10000 });
  await setField(b, "team-address", `127.0.0.1:${port}/team`);
  await setField(b, "team-login", "erik");
  await setField(b, "team-password", "erik-password-1");
  await (await b.$(tid("team-check"))).click();
  await waitForText(b, "team-checked", /Signed in as Erik Lund, editor on this team/, "Test connection says who Erik is");
  await shot(b, "team-01-join-form");
  await (await b.$(tid("team-join"))).click();
  await waitForText(b, "team-status", /erik · editor/, "the dialog shows the joined desk");
  await waitForText(b, "team-online", /Online/, "online");
  await waitForText(b, "team-connected", /Erik Lund/, "who is connected");
  await waitForText(b, "user-menu", /Erik Lund/, "the member is now the desk's user");
  await shot(b, "team-02-joined");
  await (await b.$('[aria-label="Close"]')).click();
  await (await b.$(tid("team-status"))).waitForDisplayed({ reverse: true, timeout: 5000 });
  await (await b.$(tid("library-item"))).waitForDisplayed({ timeout: 15000 });
  await waitForText(b, "team-pill", /Team: synced/, "the top bar says synced");
});

test("an approval made in Erik's window appears in Dana's open window, by Erik Lund", async () => {
  deskA = await open(dirA, "Dana Okafor");
  const a = deskA.browser;
  const b = deskB.browser;
  await openForReview(a);
  await waitForText(a, "review-state", /Proposed/, "Dana sees her proposal");
  await waitForText(a, "team-pill", /Team: synced/, "Dana's desk is synced");

  await openForReview(b);
  const approve = await b.$(tid("review-approve"));
  await b.waitUntil(() => approve.isEnabled(), { timeout: 10000, timeoutMsg: "Erik, an editor, may approve" });
  await approve.click();
  await waitForText(b, "review-state", /Approved/, "approved in Erik's window");
  await shot(b, "team-03-approved-by-erik");

  // No reload: Dana's open review follows the hub.
  await waitForText(a, "review-state", /Approved/, "Dana's window shows the approval", 20000);
  await waitForText(a, "review-approved-by", /Erik Lund/, "approved by Erik Lund");
  await shot(a, "team-04-dana-sees-approval");
  const dana = cliJson(path.join(dirB, "workspace.db"), "hub", "status");
  assert.equal(dana.pending_out, 0);
});

test("with the hub down a desk says it is offline and keeps its work, which reaches the team when the hub is back", async () => {
  const a = deskA.browser;
  const b = deskB.browser;
  execFileSync("bash", [CLUSTER, "stop", pgDir]);
  await waitForText(a, "team-pill", /Team: offline/, "Dana's top bar says offline", 20000);
  // A comment made offline waits on Dana's desk.
  await (await a.$(tid("tab-comments"))).click();
  const box = await a.$(tid("comment-input"));
  await box.waitForDisplayed({ timeout: 10000 });
  await box.click();
  await box.addValue("Checked against the ANI wire: the wording holds.");
  await a.keys(["Control", "Enter"]);
  await (await a.$(tid("comment"))).waitForDisplayed({ timeout: 10000 });
  await waitForText(a, "team-pill", /offline · 1 change waiting/, "the change waits", 20000);
  await shot(a, "team-05-offline-waiting");

  execFileSync("bash", [CLUSTER, "restart", pgDir]);
  await waitForText(a, "team-pill", /Team: synced/, "Dana's desk catches up", 30000);
  await (await b.$(tid("tab-comments"))).click();
  await waitForText(b, "comments-section", /the wording holds/, "Erik's window shows Dana's comment", 30000);
  await shot(b, "team-06-comment-arrived");
});

test("an approval the hub refuses is set back on the desk that made it, which says so and why", async () => {
  const a = deskA.browser;
  const dbB = path.join(dirB, "workspace.db");
  // Erik proposes a verdict on a second claim (his command line; his window stays open).
  const [article] = cliJson(dbB, "articles");
  const second = cliJson(dbB, "claim", "add", "--article", article.id, "--quote", "Kyiv is not holding direct talks with Russia", "--statement", "Kyiv is not talking to Moscow directly", "--claimant", "Zelenskyy").id;
  cliJson(dbB, "verdict", second, "--rating", "mostly_true", "--rationale", "Confirmed by both governments.");
  await (await a.$(tid("queue-needs_approval"))).click();
  await (await a.$(`${tid("queue-claim")}[data-claim-id="${second}"]`)).waitForDisplayed({ timeout: 20000 });
  // A modified desk: its own check now lets a reporter approve. The hub does not.
  execFileSync("sqlite3", [dbA, "UPDATE hub_link SET role = 'editor'"]);
  await openForReview(a, second);
  const approve = await a.$(tid("review-approve"));
  await a.waitUntil(() => approve.isEnabled(), { timeout: 10000, timeoutMsg: "the modified desk offers Approve" });
  await approve.click();
  await waitForText(a, "team-pill", /refused/, "Dana's top bar says a change was refused", 20000);
  await waitForText(a, "review-state", /Proposed/, "the approval is set back on Dana's desk", 20000);
  await shot(a, "team-07-refused");
  await (await a.$(tid("team-pill"))).click();
  await waitForText(a, "team-refusals", /Only editors and admins approve verdicts/, "the Team dialog gives the hub's reason");
  await shot(a, "team-08-refused-reason");
  await (await a.$('[aria-label="Close"]')).click();
  // Nothing reached Erik: his desk still has the proposal only.
  const onErik = cliJson(dbB, "claim", "show", second);
  assert.notEqual(onErik.review_state, "approved");
});

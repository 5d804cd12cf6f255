// The claim inspector's review against a fake shell: the moves offered in
// each state, approving one's own proposal refused in words, the core's
// refusals shown, a rationale required, evidence with Undo, an approved
// claim locked until "Edit (reopens review)", comment threads with mentions,
// replies and own-only editing, the History, and the claims list's chips.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { AppState } from "../../app.svelte";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, summary } from "../../../tests/fixtures";
import { comment, editor, historyEntry, reporter, reviewBackend, verdict } from "../../../tests/review";
import type { ClaimInfo } from "../../bindings/ClaimInfo";

const article = summary({ id: "a1" });

function setup(opts: Parameters<typeof reviewBackend>[0] = {}, extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const c1: ClaimInfo = claim({
    id: "c1",
    review_state: opts.start?.state ?? "unreviewed",
    verdict: opts.start?.verdict?.rating ?? null,
    assignee: opts.start?.assignee?.name ?? null,
    appearances: [appearance({ id: "ap1", claim_id: "c1", article_id: "a1" })],
  });
  const fake = reviewBackend({ ...opts, claims: [c1] });
  const backend = fakeBackend([article], {
    get_claim: () => c1,
    article_appearances: () => c1.appearances,
    list_claims: () => [{ ...c1 }],
    list_storylines: () => [],
    list_links: () => [],
    update_claim: (a) => {
      Object.assign(c1, a.claim as object);
      if (c1.review_state === "approved") fake.set("reopened", { reopen_reason: "Statement edited after approval" });
      return c1;
    },
    ...fake.handlers,
    ...extra,
  });
  const app = new AppState();
  render(App, { props: { app } });
  return { backend, app, fake };
}

async function openReview(app: AppState, tab = "tab-review") {
  await screen.findByTestId("library-item");
  await app.claims.show("c1");
  await screen.findByTestId("claim-detail");
  await fireEvent.click(screen.getByTestId(tab));
}

const panel = () => screen.findByTestId("review-panel");

describe("the review section", () => {
  test("unreviewed: Assign to me and the propose form, no Approve; assigning puts it in review", async () => {
    const { app, backend } = setup();
    await openReview(app);
    const p = await panel();
    await waitFor(() => expect(within(p).getByTestId("review-state").textContent).toContain("Unreviewed"));
    expect(within(p).getByTestId("verdict-rating")).toBeTruthy();
    expect(within(p).queryByTestId("review-approve"), "nothing proposed, nothing to approve").toBeNull();
    const options = [...within(p).getByTestId("verdict-rating").querySelectorAll("option")].filter((o) => o.value !== "").map((o) => o.textContent);
    expect(options, "the 8 ratings in scale order").toEqual(["True", "Mostly true", "Mixed", "Misleading", "Mostly false", "False", "Unsubstantiated", "Not checkable"]);

    await fireEvent.click(await within(p).findByTestId("review-assign"));
    await waitFor(() => expect(backend.lastCallTo("review_claim")).toEqual({ claimId: "c1", action: { action: "assign", user: "u1" } }));
    await waitFor(() => expect(within(p).getByTestId("review-state").textContent).toContain("In review"));
    expect(within(p).getByTestId("review-assignee").textContent).toContain("Assigned to Reporter");
  });

  test("propose needs a rating and a rationale: the button waits and says what is missing", async () => {
    const { app, backend } = setup();
    await openReview(app);
    const p = await panel();
    const button = within(p).getByTestId("review-propose") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.change(within(p).getByTestId("verdict-rating"), { target: { value: "false" } });
    expect(button.disabled, "a rating alone is not a verdict").toBe(true);
    expect(within(p).getByTestId("propose-missing").textContent).toContain("rationale");
    await fireEvent.input(within(p).getByTestId("verdict-rationale"), { target: { value: "He said the opposite.\n\nSee the transcript." } });
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    await waitFor(() =>
      expect(backend.lastCallTo("review_claim")).toEqual({
        claimId: "c1",
        action: { action: "propose", rating: "false", rationale: "He said the opposite.\n\nSee the transcript." },
      }),
    );
    await waitFor(() => expect(within(p).getByTestId("review-state").textContent).toContain("Proposed"));
    const shown = within(p).getByTestId("review-verdict");
    expect(within(shown).getByTestId("verdict-chip").textContent).toContain("False");
    expect([...shown.querySelectorAll(".rationale p")].map((x) => x.textContent), "the rationale as paragraphs").toEqual([
      "He said the opposite.",
      "See the transcript.",
    ]);
  });

  test("one's own proposal: Approve is disabled and the reason is written out", async () => {
    const { app } = setup({ start: { state: "proposed", verdict: verdict({ proposed_by: reporter }), verdicts: [verdict({ proposed_by: reporter })], assignee: reporter } });
    await openReview(app);
    const p = await panel();
    const approve = (await within(p).findByTestId("review-approve")) as HTMLButtonElement;
    await waitFor(() => expect(approve.disabled).toBe(true));
    expect(within(p).getByTestId("review-approve-reason").textContent).toMatch(/You proposed this verdict, so someone else must approve it/);
    expect(within(p).getByTestId("review-revise"), "the proposer may revise").toBeTruthy();
  });

  test("someone else's proposal: Approve works, and the claim is then locked with who approved it", async () => {
    const { app, backend } = setup({ start: { state: "proposed", verdict: verdict(), verdicts: [verdict()], assignee: editor } });
    await openReview(app);
    const p = await panel();
    const approve = (await within(p).findByTestId("review-approve")) as HTMLButtonElement;
    await waitFor(() => expect(approve.disabled).toBe(false));
    expect(within(p).queryByTestId("review-approve-reason")).toBeNull();
    expect(within(p).queryByTestId("verdict-rating"), "no second proposal while one waits").toBeNull();
    await fireEvent.click(approve);
    await waitFor(() => expect(backend.lastCallTo("review_claim")).toEqual({ claimId: "c1", action: { action: "approve", verdict_id: expect.any(String) } }));
    await waitFor(() => expect(within(p).getByTestId("review-state").textContent).toContain("Approved"));
    expect(within(p).getByTestId("review-approved-by").textContent).toContain("Approved by Reporter");
    const lock = await screen.findByTestId("claim-lock");
    expect(lock.textContent).toContain("Approved by Reporter");
    expect(within(p).getByTestId("review-reopen")).toBeTruthy();
  });

  test("a move the core refuses shows its message", async () => {
    const message = "The claim is assigned to Dana Okafor: only they can propose a verdict. Assign it to yourself first.";
    const { app } = setup(
      { start: { state: "in_review", assignee: editor } },
      {
        review_claim: () => {
          throw { code: "invalid_input", message };
        },
      },
    );
    await openReview(app);
    const p = await panel();
    expect((await within(p).findByTestId("review-others-claim")).textContent).toContain("Assign to me");
    await fireEvent.change(within(p).getByTestId("verdict-rating"), { target: { value: "mixed" } });
    await fireEvent.input(within(p).getByTestId("verdict-rationale"), { target: { value: "Partly." } });
    await fireEvent.click(within(p).getByTestId("review-propose"));
    expect((await within(p).findByTestId("review-error")).textContent).toBe(message);
  });

  test("reopen asks for a reason inline and shows it once reopened", async () => {
    const approved = verdict({ approved_by: reporter, approved_at: "2025-12-15T13:00:00Z" });
    const { app, backend } = setup({ start: { state: "approved", verdict: approved, verdicts: [approved, verdict({ id: "v0", rating: "mixed" })] } });
    await openReview(app);
    const p = await panel();
    expect(within(p).getByTestId("review-earlier").textContent, "earlier verdicts are kept, collapsed").toContain("Mixed");
    await fireEvent.click(await within(p).findByTestId("review-reopen"));
    const submit = within(p).getByTestId("review-reopen-submit") as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await fireEvent.input(within(p).getByTestId("review-reopen-reason-input"), { target: { value: "New ministry statement" } });
    await fireEvent.click(submit);
    await waitFor(() => expect(backend.lastCallTo("review_claim")).toEqual({ claimId: "c1", action: { action: "reopen", reason: "New ministry statement" } }));
    expect((await within(p).findByTestId("review-reopen-reason")).textContent).toContain("New ministry statement");
    expect(within(p).getByTestId("review-state").textContent).toContain("Reopened");
  });
});

describe("evidence", () => {
  test("add a URL with a note, add this article, remove one and Undo", async () => {
    const { app, backend } = setup();
    await openReview(app);
    const section = await screen.findByTestId("evidence-section");
    await fireEvent.click(within(section).getByTestId("evidence-add"));
    await fireEvent.input(within(section).getByTestId("evidence-target"), { target: { value: "https://example.org/transcript" } });
    await fireEvent.input(within(section).getByTestId("evidence-note"), { target: { value: "The full transcript" } });
    await fireEvent.click(within(section).getByTestId("evidence-submit"));
    await waitFor(() =>
      expect(backend.lastCallTo("add_evidence")).toEqual({ claimId: "c1", fields: { kind: "url", target: "https://example.org/transcript", note: "The full transcript" } }),
    );
    const item = await within(section).findByTestId("evidence-item");
    expect(item.textContent).toContain("https://example.org/transcript");
    expect(item.textContent).toContain("The full transcript");
    expect(item.textContent, "who added it").toContain("Reporter");

    await fireEvent.click(within(section).getByTestId("evidence-add"));
    await fireEvent.click(within(section).getByTestId("evidence-kind-article"));
    expect(within(section).getByTestId("evidence-this-article").textContent).toContain(article.title);
    await fireEvent.click(within(section).getByTestId("evidence-submit"));
    await waitFor(() => expect(backend.lastCallTo("add_evidence")).toEqual({ claimId: "c1", fields: { kind: "article", target: "a1", note: null } }));
    await waitFor(() => expect(within(section).getAllByTestId("evidence-item")).toHaveLength(2));

    await fireEvent.click(within(section).getAllByTestId("evidence-remove")[0]);
    await waitFor(() => expect(backend.callsTo("remove_evidence")).toHaveLength(1));
    await waitFor(() => expect(within(section).getAllByTestId("evidence-item")).toHaveLength(1));
    const notice = await screen.findByTestId("notice");
    await fireEvent.click(within(notice).getByTestId("notice-action"));
    await waitFor(() =>
      expect(backend.lastCallTo("add_evidence"), "Undo adds the same item again").toEqual({
        claimId: "c1",
        fields: { kind: "url", target: "https://example.org/transcript", note: "The full transcript" },
      }),
    );
    await waitFor(() => expect(within(section).getAllByTestId("evidence-item")).toHaveLength(2));
  });

  test("an evidence item the core refuses keeps the form open with its message", async () => {
    const { app } = setup({}, {
      add_evidence: () => {
        throw { code: "invalid_input", message: "“ftp://x” is not a web address; give one starting with https://." };
      },
    });
    await openReview(app);
    const section = await screen.findByTestId("evidence-section");
    await fireEvent.click(within(section).getByTestId("evidence-add"));
    await fireEvent.input(within(section).getByTestId("evidence-target"), { target: { value: "ftp://x" } });
    await fireEvent.click(within(section).getByTestId("evidence-submit"));
    expect((await within(section).findByTestId("evidence-error")).textContent).toContain("is not a web address");
  });
});

describe("an approved claim is locked", () => {
  test("statement and condition are read-only until Edit (reopens review); saving reopens with the reason", async () => {
    const approved = verdict({ approved_by: reporter, approved_at: "2025-12-15T13:00:00Z" });
    const { app, backend } = setup({ start: { state: "approved", verdict: approved, verdicts: [approved] } });
    await openReview(app, "tab-details");
    expect((await screen.findByTestId("claim-lock")).textContent).toContain("Approved by Reporter");
    await fireEvent.click(screen.getByTestId("claim-edit"));
    const statement = screen.getByTestId("claim-statement") as HTMLTextAreaElement;
    expect(statement.readOnly).toBe(true);
    expect((screen.getByTestId("claim-condition") as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByTestId("claim-tags") as HTMLInputElement).readOnly, "tags stay editable").toBe(false);

    await fireEvent.click(screen.getByTestId("claim-unlock"));
    expect(statement.readOnly).toBe(false);
    expect(screen.getByTestId("claim-lock-note").textContent).toContain("reopens the approved verdict");
    await fireEvent.input(statement, { target: { value: "Ukraine could drop its NATO bid" } });
    await fireEvent.click(screen.getByTestId("claim-save"));
    await waitFor(() => expect(backend.callsTo("update_claim")).toHaveLength(1));
    const p = await panel();
    await waitFor(() => expect(within(p).getByTestId("review-state").textContent).toContain("Reopened"));
    expect(within(p).getByTestId("review-reopen-reason").textContent).toContain("Statement edited after approval");
    await waitFor(() => expect(screen.queryByTestId("claim-lock")).toBeNull());
  });
});

describe("comments", () => {
  const threads = [
    comment({
      id: "m1",
      author: editor,
      body: "@Reporter can you check the transcript?",
      replies: [comment({ id: "m2", parent_id: "m1", author: reporter, body: "On it, @DO." })],
    }),
    comment({ id: "m3", author: reporter, body: "Second thread", created_at: "2025-12-15T12:30:00Z" }),
  ];

  test("threads with replies indented, mentions highlighted as spans, Edit and Delete only on one's own", async () => {
    const { app } = setup({ comments: threads });
    await openReview(app, "tab-comments");
    const list = await screen.findAllByTestId("comment-thread");
    expect(list).toHaveLength(2);
    const [first] = list;
    const root = within(first).getAllByTestId("comment")[0];
    expect(within(root).getAllByTestId("mention").map((m) => m.textContent)).toEqual(["@Reporter"]);
    const reply = within(first).getAllByTestId("comment")[1];
    expect(reply.closest("ol")?.classList.contains("replies")).toBe(true);
    expect(within(reply).getByTestId("mention").textContent, "initials mention").toBe("@DO");
    expect(within(root).queryByTestId("comment-edit"), "someone else's comment cannot be edited").toBeNull();
    expect(within(root).queryByTestId("comment-delete")).toBeNull();
    expect(within(reply).getByTestId("comment-edit")).toBeTruthy();
    expect(within(reply).queryByTestId("comment-reply"), "replies are not threaded further").toBeNull();
  });

  test("reply to a thread with Ctrl+Enter, and edit one's own comment", async () => {
    const { app, backend } = setup({ comments: threads });
    await openReview(app, "tab-comments");
    const [first] = await screen.findAllByTestId("comment-thread");
    await fireEvent.click(within(first).getAllByTestId("comment-reply")[0]);
    const input = within(first).getByTestId("comment-input");
    await fireEvent.input(input, { target: { value: "Transcript added" } });
    await fireEvent.keyDown(input, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(backend.lastCallTo("add_comment")).toEqual({ claimId: "c1", parentId: "m1", body: "Transcript added" }));
    await waitFor(() => expect(within(first).getAllByTestId("comment")).toHaveLength(3));

    const own = screen.getAllByTestId("comment").find((c) => c.textContent?.includes("Second thread"))!;
    await fireEvent.click(within(own).getByTestId("comment-edit"));
    const editor = within(own).getByTestId("comment-input") as HTMLTextAreaElement;
    expect(editor.value).toBe("Second thread");
    await fireEvent.input(editor, { target: { value: "Second thread, edited" } });
    await fireEvent.click(within(own).getByTestId("comment-submit"));
    await waitFor(() => expect(backend.lastCallTo("edit_comment")).toEqual({ id: "m3", body: "Second thread, edited" }));
  });

  test("typing @ offers users; arrow keys and Enter pick one", async () => {
    const { app } = setup();
    await openReview(app, "tab-comments");
    expect((await screen.findByTestId("comments-empty")).textContent).toContain("No comments yet");
    const input = screen.getByTestId("comment-input") as HTMLTextAreaElement;
    input.value = "cc @";
    input.setSelectionRange(4, 4);
    await fireEvent.input(input);
    const options = await screen.findAllByTestId("mention-option");
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining("Reporter"), expect.stringContaining("Dana Okafor")]);
    await fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(options[1].getAttribute("aria-selected")).toBe("true");
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(input.value).toBe("cc @Dana Okafor ");
    expect(screen.queryByTestId("mention-list")).toBeNull();
  });
});

describe("history", () => {
  test("entries with actor, summary, grouped by change, Undo marked, changes on demand", async () => {
    const { app } = setup({
      history: [
        historyEntry({ id: "e1", write_id: "w1" }),
        historyEntry({ id: "e2", write_id: "w2", action: "assign", summary: "assigned the claim to Reporter", before: { state: "unreviewed", assignee_id: null }, after: { state: "in_review", assignee_id: "u1" } }),
        historyEntry({ id: "e3", write_id: "w3", action: "propose", summary: "proposed the verdict False" }),
        historyEntry({ id: "e4", write_id: "w3", entity: "verdict", action: "create", summary: "wrote the rationale for False: “He did not”" }),
        historyEntry({ id: "e5", write_id: "w4", actor: editor, action: "approve", summary: "approved the verdict" }),
        historyEntry({ id: "e6", write_id: "w5", actor: editor, action: "undo_approve", summary: "undid: approved the verdict" }),
      ],
    });
    await openReview(app, "tab-history");
    const entries = await screen.findAllByTestId("history-entry");
    expect(entries).toHaveLength(5);
    expect(entries[2].textContent).toContain("proposed the verdict False");
    expect(entries[2].textContent, "one change, one entry").toContain("wrote the rationale for False");
    expect(entries[3].textContent).toContain("Dana Okafor");
    expect(entries[3].textContent).toContain("approved the verdict");
    expect(within(entries[4]).getByTestId("history-undo-mark").textContent).toBe("Undo");
    expect(within(entries[1]).queryByTestId("history-changes")).toBeNull();
    await fireEvent.click(within(entries[1]).getByTestId("history-expand"));
    const changes = within(entries[1]).getByTestId("history-changes").textContent;
    expect(changes).toContain("Unreviewed");
    expect(changes).toContain("In review");
    expect(changes, "user ids read as names").toContain("Reporter");

    await fireEvent.click(screen.getByTestId("history-order"));
    expect(screen.getAllByTestId("history-entry")[0].textContent).toContain("undid");
  });
});

describe("the claims list", () => {
  test("a row shows the review state, the verdict chip and the assignee", async () => {
    const { app } = setup({ start: { state: "proposed", verdict: verdict(), verdicts: [verdict()], assignee: editor } });
    await screen.findByTestId("library-item");
    await app.open("a1");
    app.claims.tab = "claims";
    const row = await screen.findByTestId("claim-row-review");
    expect(row.textContent).toContain("Proposed");
    expect(row.textContent).toContain("False");
    expect(row.textContent).toContain("Dana Okafor");
  });
});

// Marking and inspecting claims in the whole window, against a fake shell:
// selection → Mark claim → create_claim with code point offsets, highlights
// (overlapping ones too) that open the claim, suggestions, Undo, people.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { suggestionPayload } from "../../marking";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, detail, matchHit, person, suggestion, summary } from "../../../tests/fixtures";
import type { ClaimInfo } from "../../bindings/ClaimInfo";
import type { Reappearance } from "../../bindings/Reappearance";

// "🇺🇦 " is 3 code points but 5 UTF-16 units: offsets after it differ.
const BODY = "🇺🇦 Kyiv: Zelenskyy said Ukraine could drop its NATO bid.\n\nAl Jazeera reported that talks went on in Berlin.";
const SENTENCE = "Zelenskyy said Ukraine could drop its NATO bid.";
/** Code point offset of `text` in the body. */
const cpOf = (text: string) => [...BODY.slice(0, BODY.indexOf(text))].length;
const SENTENCE_START = cpOf(SENTENCE);
const article = summary({ id: "a1" });

function setup(handlers: Parameters<typeof fakeBackend>[1] = {}) {
  // Wide enough for the inspector to start open.
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const backend = fakeBackend([article], {
    get_article: () => detail({ ...article, body: BODY }),
    ...handlers,
  });
  render(App);
  return backend;
}

async function openArticle() {
  await fireEvent.click(await screen.findByTestId("library-item"));
  return screen.findByTestId("reader-body");
}

/** Selects `text` in the reader the way a mouse would, then releases the button. */
async function select(body: HTMLElement, text: string) {
  const node = [...body.querySelectorAll("span")].map((s) => s.firstChild as Text).find((t) => t?.data.includes(text))!;
  const at = node.data.indexOf(text);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + text.length);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  await fireEvent.mouseUp(body);
}

describe("marking a claim", () => {
  test("select, press M, edit the statement: create_claim gets code point offsets and the typed fields", async () => {
    const created = claim({ id: "c9", appearances: [appearance({ id: "ap9", start: SENTENCE_START, end: SENTENCE_START + SENTENCE.length })] });
    const backend = setup({ create_claim: () => created });
    const body = await openArticle();

    await select(body, SENTENCE);
    expect(await screen.findByTestId("mark-claim-button")).toBeTruthy();
    await fireEvent.keyDown(window, { key: "m" });

    const popover = await screen.findByTestId("mark-popover");
    const statement = within(popover).getByTestId("claim-statement") as HTMLTextAreaElement;
    expect(statement.value, "the statement starts as the selected text").toBe(SENTENCE);
    await waitFor(() => expect(backend.callsTo("appearance_hints")).toEqual([{ articleId: "a1", start: 9, end: 56 }]));

    await fireEvent.input(statement, { target: { value: "Ukraine could drop its NATO bid" } });
    await fireEvent.input(within(popover).getByTestId("claim-claimant"), { target: { value: "Zelenskyy" } });
    await fireEvent.input(within(popover).getByTestId("claim-condition"), { target: { value: "if the guarantees are legally binding" } });
    await fireEvent.input(within(popover).getByTestId("claim-tags"), { target: { value: "nato, guarantees" } });
    await fireEvent.click(within(popover).getByTestId("mark-submit"));

    await waitFor(() => expect(backend.callsTo("create_claim")).toHaveLength(1));
    expect(SENTENCE_START, "the flag is 2 code points (4 UTF-16 units), then ' Kyiv: '").toBe(9);
    expect(backend.lastCallTo("create_claim")).toEqual({
      claim: {
        statement: "Ukraine could drop its NATO bid",
        claimant: "Zelenskyy",
        condition: "if the guarantees are legally binding",
        note: null,
        tags: ["nato", "guarantees"],
      },
      appearance: {
        article_id: "a1",
        revision: 1,
        start: 9,
        end: 9 + SENTENCE.length,
        kind: "paraphrase",
        speaker: null,
        stated_at: null,
        venue: null,
        attribution: [],
      },
    });
    await waitFor(() => expect(screen.queryByTestId("mark-popover"), "the popover closes once marked").toBeNull());
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("Claim marked");

    await fireEvent.click(within(notice).getByTestId("notice-action"));
    await waitFor(() => expect(backend.callsTo("delete_claim"), "Undo deletes the new claim").toEqual([{ id: "c9" }]));
  });

  test("hints from the text prefill the appearance fields and the claimant", async () => {
    const backend = setup({ appearance_hints: () => suggestion.hints, create_claim: () => claim() });
    const body = await openArticle();
    await select(body, SENTENCE);
    await fireEvent.click(await screen.findByTestId("mark-claim-button"));
    const popover = await screen.findByTestId("mark-popover");
    await waitFor(() => expect((within(popover).getByTestId("claim-claimant") as HTMLInputElement).value).toBe("Volodymyr Zelenskyy"));
    expect(within(popover).getByTestId("appearance-summary").textContent).toContain("Volodymyr Zelenskyy → Al Jazeera → ANI");
    await fireEvent.keyDown(within(popover).getByTestId("claim-statement"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(backend.callsTo("create_claim")).toHaveLength(1));
    const sent = backend.lastCallTo("create_claim") as { appearance: { kind: string; venue: string; attribution: unknown[] } };
    expect(sent.appearance.kind).toBe("direct_quote");
    expect(sent.appearance.venue).toBe("WhatsApp chat with reporters");
    expect(sent.appearance.attribution).toHaveLength(3);
  });

  test("Esc closes the popover without creating anything", async () => {
    const backend = setup();
    const body = await openArticle();
    await select(body, SENTENCE);
    await fireEvent.keyDown(window, { key: "m" });
    const popover = await screen.findByTestId("mark-popover");
    await fireEvent.keyDown(popover, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("mark-popover")).toBeNull());
    expect(backend.callsTo("create_claim")).toHaveLength(0);
  });

  test("Add to existing searches claims as you type and calls add_appearance", async () => {
    const existing = claim({ id: "c2", statement: "Ukraine drops NATO bid", appearances: [] });
    const backend = setup({
      list_claims: (args) => ((args.query as { text?: string }).text !== undefined ? [existing] : []),
      add_appearance: () => ({ ...existing, appearances: [appearance({ id: "new-ap", claim_id: "c2" })] }),
    });
    const body = await openArticle();
    await select(body, "Al Jazeera reported");
    await fireEvent.keyDown(window, { key: "m" });
    const popover = await screen.findByTestId("mark-popover");
    await fireEvent.click(within(popover).getByTestId("mark-mode-existing"));
    await fireEvent.input(within(popover).getByTestId("claim-search"), { target: { value: "nato" } });
    await waitFor(() => expect(backend.callsTo("list_claims")).toContainEqual({ query: { text: "nato", limit: 20 } }));
    await fireEvent.click(await within(popover).findByTestId("claim-search-result"));
    await fireEvent.click(within(popover).getByTestId("mark-submit"));
    await waitFor(() => expect(backend.callsTo("add_appearance")).toHaveLength(1));
    const start = cpOf("Al Jazeera");
    expect(backend.lastCallTo("add_appearance")).toMatchObject({ claimId: "c2", appearance: { article_id: "a1", start, end: start + 19 } });
    await fireEvent.click(within(await screen.findByTestId("notice")).getByTestId("notice-action"));
    await waitFor(() => expect(backend.callsTo("delete_appearance"), "Undo removes the added appearance").toEqual([{ id: "new-ap" }]));
  });

  test("a create_claim error is shown in the popover, which stays open", async () => {
    setup({ create_claim: () => Promise.reject({ code: "invalid_input", message: "The span is outside the text." }) });
    const body = await openArticle();
    await select(body, SENTENCE);
    await fireEvent.keyDown(window, { key: "m" });
    await fireEvent.click(within(await screen.findByTestId("mark-popover")).getByTestId("mark-submit"));
    expect((await screen.findByTestId("mark-error")).textContent).toBe("The span is outside the text.");
  });
});

describe("highlights and the claim inspector", () => {
  const c1: ClaimInfo = claim({
    id: "c1",
    appearances: [appearance({ id: "ap1", claim_id: "c1", start: 9, end: 56, exact: SENTENCE })],
  });
  const c2: ClaimInfo = claim({
    id: "c2",
    statement: "Ukraine's NATO bid",
    claimant: "Al Jazeera",
    condition: null,
    appearances: [appearance({ id: "ap2", claim_id: "c2", start: cpOf("could"), end: cpOf(" that talks"), kind: "summary" })],
  });

  test("overlapping appearances split into segments; hovering shows the claims; a click opens the innermost", async () => {
    setup({ article_appearances: () => [...c1.appearances, ...c2.appearances], list_claims: () => [c1, c2] });
    const body = await openArticle();
    await waitFor(() => expect(body.querySelectorAll("[data-testid=highlight]").length).toBeGreaterThan(0));
    const marks = [...body.querySelectorAll<HTMLElement>("[data-testid=highlight]")];
    expect(marks.map((m) => [m.textContent, m.dataset.ids])).toEqual([
      ["Zelenskyy said Ukraine ", "ap1"],
      ["could drop its NATO bid.", "ap1 ap2"],
      ["Al Jazeera reported", "ap2"],
    ]);
    expect(body.textContent, "the text is unchanged by highlighting").toBe(BODY.replace("\n\n", ""));

    await fireEvent.mouseOver(marks[1]);
    const card = await screen.findByTestId("highlight-card");
    expect(card.textContent).toContain(c1.statement);
    expect(card.textContent).toContain("Ukraine's NATO bid");
    expect(card.textContent).toContain("Al Jazeera · Summary");

    await fireEvent.click(marks[1]);
    const detailPane = await screen.findByTestId("claim-detail");
    expect(detailPane.dataset.claimId, "the overlapping part opens the later, inner appearance's claim").toBe("c2");
  });

  test("the inspector shows statement, condition, appearances with their chain, and deletes with confirmation", async () => {
    const backend = setup({ article_appearances: () => c1.appearances, list_claims: () => [c1], delete_claim: () => null });
    const body = await openArticle();
    await fireEvent.click(await within(body).findByTestId("highlight"));
    const pane = await screen.findByTestId("claim-detail");
    expect(within(pane).getByTestId("claim-statement-text").textContent).toBe(c1.statement);
    expect(pane.textContent).toContain("if the guarantees are legally binding");
    const card = within(pane).getByTestId("appearance-card");
    expect(within(card).getByTestId("attribution-chain").textContent!.replace(/\s+/g, "")).toBe("VolodymyrZelenskyy→AlJazeera→ANI");
    expect(within(card).getByTestId("anchor-state").textContent).toBe("In place");

    await fireEvent.click(within(pane).getByTestId("claim-delete"));
    expect((await screen.findByTestId("confirm-message")).textContent).toContain(c1.statement);
    await fireEvent.click(screen.getByTestId("confirm-button"));
    await waitFor(() => expect(backend.callsTo("delete_claim")).toEqual([{ id: "c1" }]));
  });

  test("a colleague's change arriving while editing is said before saving, and can be taken", async () => {
    let current: ClaimInfo = c1;
    const backend = setup({
      article_appearances: () => current.appearances,
      list_claims: () => [current],
      get_claim: () => current,
      team_status: () => ({ hub: null, signal: null }),
    });
    const body = await openArticle();
    await fireEvent.click(await within(body).findByTestId("highlight"));
    const pane = await screen.findByTestId("claim-detail");
    await fireEvent.click(within(pane).getByTestId("claim-edit"));
    await fireEvent.input(within(pane).getByTestId("claim-statement"), { target: { value: "My wording" } });
    expect(within(pane).queryByTestId("claim-changed-meanwhile")).toBeNull();

    // The team hub merged Erik's edit of the same claim.
    current = { ...c1, statement: "Erik's wording" };
    await backend.emit("team-changed", { pushed: 0, pulled: 1, conflicts: 0, refused: [] });
    const warning = await within(pane).findByTestId("claim-changed-meanwhile");
    expect(warning.textContent).toContain("Someone changed this claim while you were editing");
    expect(warning.textContent).toContain("Erik's wording");
    expect((within(pane).getByTestId("claim-statement") as HTMLTextAreaElement).value).toBe("My wording");

    await fireEvent.click(within(warning).getByTestId("claim-take-theirs"));
    expect((within(pane).getByTestId("claim-statement") as HTMLTextAreaElement).value).toBe("Erik's wording");
    expect(within(pane).queryByTestId("claim-changed-meanwhile")).toBeNull();
  });

  test("editing a claim and an appearance sends update_claim and update_appearance", async () => {
    const backend = setup({
      article_appearances: () => c1.appearances,
      list_claims: () => [c1],
      update_claim: () => c1,
      update_appearance: () => c1,
    });
    const body = await openArticle();
    await fireEvent.click(await within(body).findByTestId("highlight"));
    const pane = await screen.findByTestId("claim-detail");
    await fireEvent.click(within(pane).getByTestId("claim-edit"));
    const statement = within(pane).getByTestId("claim-statement") as HTMLTextAreaElement;
    expect(statement.value).toBe(c1.statement);
    await fireEvent.input(statement, { target: { value: "Ukraine would drop its NATO bid" } });
    await fireEvent.input(within(pane).getByTestId("claim-condition"), { target: { value: "  " } });
    await fireEvent.click(within(pane).getByTestId("claim-save"));
    await waitFor(() =>
      expect(backend.callsTo("update_claim")).toEqual([
        {
          id: "c1",
          claim: { statement: "Ukraine would drop its NATO bid", claimant: "Volodymyr Zelenskyy", condition: null, note: null, tags: ["nato"] },
        },
      ]),
    );

    const card = within(pane).getByTestId("appearance-card");
    await fireEvent.click(within(card).getByRole("button", { name: "Edit" }));
    await fireEvent.change(within(card).getByTestId("appearance-kind"), { target: { value: "direct_quote" } });
    await fireEvent.click(within(card).getByRole("button", { name: "Remove Al Jazeera" }));
    await fireEvent.click(within(card).getByTestId("appearance-save"));
    await waitFor(() =>
      expect(backend.callsTo("update_appearance")).toEqual([
        {
          id: "ap1",
          details: {
            kind: "direct_quote",
            speaker: "Volodymyr Zelenskyy",
            stated_at: "2025-12-14",
            venue: "WhatsApp chat with reporters",
            attribution: [
              { name: "Volodymyr Zelenskyy", kind: "person", cue: null },
              { name: "ANI", kind: "outlet", cue: null },
            ],
          },
        },
      ]),
    );
  });

  test("an appearance needing review after a revision is listed with its candidate and Accept new place", async () => {
    const review = appearance({
      id: "ap3",
      claim_id: "c1",
      revision: 1,
      anchor: "needs_review",
      confidence: 0.62,
      candidate: { revision: 2, start: 9, end: 41, exact: "Zelenskyy said Ukraine would drop" },
    });
    const c = { ...c1, appearances: [review] };
    const backend = setup({
      get_article: () => ({ ...detail({ ...article, body: BODY }), revision: 2, shown_revision: 2 }),
      article_appearances: () => [review],
      list_claims: () => [c],
      place_appearance: () => c,
    });
    await openArticle();
    expect((await screen.findByTestId("review-notice")).textContent).toContain("1 claim appearance");
    await fireEvent.click(screen.getByTestId("inspector-tab-claims"));
    const section = await screen.findByTestId("claims-review");
    expect(section.textContent).toContain("Needs review: 1");
    expect(within(section).getByTestId("candidate").textContent).toContain("Zelenskyy said Ukraine would drop");
    await fireEvent.click(within(section).getByTestId("accept-candidate"));
    await waitFor(() => expect(backend.callsTo("place_appearance")).toEqual([{ id: "ap3", start: 9, end: 41 }]));
  });

  test("an orphaned appearance is placed on the text selected in the reader", async () => {
    const orphan = appearance({ id: "ap4", claim_id: "c1", revision: 1, anchor: "orphaned", confidence: 0, exact: "old words" });
    const c = { ...c1, appearances: [orphan] };
    const backend = setup({
      get_article: () => ({ ...detail({ ...article, body: BODY }), revision: 2, shown_revision: 2 }),
      article_appearances: () => [orphan],
      list_claims: () => [c],
      place_appearance: () => c,
    });
    const body = await openArticle();
    await fireEvent.click(screen.getByTestId("inspector-tab-claims"));
    const section = await screen.findByTestId("claims-review");
    expect(within(section).getByTestId("orphaned-note").textContent).toContain("kept from revision 1");
    const place = within(section).getByTestId("place-on-selection") as HTMLButtonElement;
    expect(place.disabled, "nothing selected yet").toBe(true);
    await select(body, SENTENCE);
    await waitFor(() => expect(place.disabled).toBe(false));
    await fireEvent.click(place);
    await waitFor(() => expect(backend.callsTo("place_appearance")).toEqual([{ id: "ap4", start: 9, end: 56 }]));
  });

  test("an article without claims says how to mark one", async () => {
    setup();
    await openArticle();
    expect((await screen.findByTestId("mark-hint")).textContent).toContain("Select a sentence and press M");
    await fireEvent.click(screen.getByTestId("inspector-tab-claims"));
    expect((await screen.findByTestId("claims-empty")).textContent).toContain("press M to mark a claim");
  });
});

describe("suggestions", () => {
  test("Accept sends one create_claim built from the suggestion; Dismiss is remembered by the shell", async () => {
    const other = { ...suggestion, start: 0, end: 4, exact: "Kyiv" };
    // Like the core: marked and dismissed text drops out, a restore brings it back.
    let open = [suggestion, other];
    const backend = setup({
      suggest_claims: () => open,
      create_claim: (args) => {
        const start = (args.appearance as { start: number }).start;
        open = open.filter((s) => s.start !== start);
        return claim({ id: "c5" });
      },
      dismiss_suggestion: (args) => {
        open = open.filter((s) => s.exact !== args.exact);
        return null;
      },
      restore_suggestion: () => {
        open = [...open, other];
        return null;
      },
    });
    await openArticle();
    await fireEvent.click(screen.getByTestId("inspector-tab-suggestions"));
    const rows = await screen.findAllByTestId("suggestion");
    expect(rows[0].textContent!.replace(/\u00a0/g, " ")).toContain("Direct quote · Zelenskyy · via Al Jazeera · 82%");
    expect(rows[0].textContent).toContain("82%");
    expect(rows[0].textContent).toContain("condition");

    await fireEvent.click(within(rows[0]).getByTestId("suggestion-accept"));
    await waitFor(() => expect(backend.callsTo("create_claim")).toHaveLength(1));
    // The payload itself is pinned in marking.test.ts.
    expect(backend.lastCallTo("create_claim")).toEqual(suggestionPayload("a1", 1, suggestion));

    await fireEvent.click(screen.getByTestId("inspector-tab-suggestions"));
    const left = await screen.findAllByTestId("suggestion");
    expect(left, "an accepted suggestion leaves the list").toHaveLength(1);
    await fireEvent.click(within(left[0]).getByTestId("suggestion-dismiss"));
    await waitFor(() => expect(backend.callsTo("dismiss_suggestion")).toEqual([{ articleId: "a1", exact: "Kyiv" }]));
    expect(await screen.findByTestId("suggestions-empty")).toBeTruthy();
    await fireEvent.click(within(await screen.findByTestId("notice")).getByTestId("notice-action"));
    await waitFor(() => expect(backend.callsTo("restore_suggestion"), "Undo restores the dismissed one").toEqual([{ articleId: "a1", exact: "Kyiv" }]));
    expect(await screen.findAllByTestId("suggestion"), "and the list shows it again").toHaveLength(1);
  });

  test("an older answer that arrives last does not replace the newer suggestions", async () => {
    // Opened, then opened again on a new revision: the first answer (from
    // before the import) comes back after the second.
    let releaseFirst: (value: unknown) => void = () => {};
    let calls = 0;
    const backend = setup({
      suggest_claims: () => {
        calls += 1;
        if (calls === 1) return new Promise((resolve) => (releaseFirst = resolve));
        return [suggestion];
      },
    });
    await openArticle();
    await fireEvent.click(screen.getByTestId("library-item"));
    await waitFor(() => expect(backend.callsTo("suggest_claims")).toHaveLength(2));
    await fireEvent.click(screen.getByTestId("inspector-tab-suggestions"));
    expect(await screen.findAllByTestId("suggestion")).toHaveLength(1);
    releaseFirst([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getAllByTestId("suggestion"), "the stale empty answer is dropped").toHaveLength(1);
  });

  test("a tracked claim found here at import is dashed in the text, and Accept or Not the same decides it", async () => {
    const start = cpOf("Zelenskyy");
    const found: Reappearance = {
      ...matchHit({
        article_id: "a1",
        start,
        end: start + "Zelenskyy".length,
        exact: "Zelenskyy",
        verbatim: false,
        match: "partial",
        similarity: 0.4,
        partial: { matched: "Zelenskyy", left_out_before: "President", left_out_after: "said on Sunday" },
      }),
      id: "re1",
      found_at: "2025-12-16T09:00:00Z",
      claim: { id: "c1", statement: "Ukraine could drop its NATO bid", claimant: "Volodymyr Zelenskyy", review_state: "unreviewed", verdict: null, appearances: 1, first_stated_at: null },
    };
    let waiting = [found];
    const backend = setup({
      list_reappearances: () => waiting,
      accept_reappearance: () => {
        waiting = [];
        return claim({ id: "c1" });
      },
      dismiss_reappearance: () => {
        waiting = [];
        return null;
      },
      restore_reappearance: () => {
        waiting = [found];
        return null;
      },
    });
    const body = await openArticle();
    await waitFor(() => expect(body.querySelector('[data-testid="candidate"]')?.textContent).toBe("Zelenskyy"));
    expect(backend.callsTo("list_reappearances"), "asked for this article").toContainEqual({ articleId: "a1" });
    await fireEvent.click(body.querySelector('[data-testid="candidate"]')!);
    const row = await screen.findByTestId("reappearance");
    expect(row.textContent).toContain("Ukraine could drop its NATO bid");
    expect(within(row).getByTestId("reappearance-kind").textContent).toBe("Partial quote");
    expect(within(row).getByTestId("reappearance-left-out").textContent!.trim()).toBe("Left out: President … said on Sunday");

    await fireEvent.click(within(row).getByTestId("reappearance-dismiss"));
    await waitFor(() => expect(backend.callsTo("dismiss_reappearance")).toEqual([{ id: "re1" }]));
    await waitFor(() => expect(screen.queryByTestId("reappearance")).toBeNull());
    await fireEvent.click(within(await screen.findByTestId("notice")).getByTestId("notice-action"));
    await waitFor(() => expect(backend.callsTo("restore_reappearance")).toEqual([{ articleId: "a1", claimId: "c1", exact: "Zelenskyy" }]));
    const again = await screen.findByTestId("reappearance");
    await fireEvent.click(within(again).getByTestId("reappearance-accept"));
    await waitFor(() => expect(backend.callsTo("accept_reappearance")).toEqual([{ id: "re1" }]));
    await waitFor(() => expect(body.querySelector('[data-testid="candidate"]'), "accepted, it is no longer dashed").toBeNull());
  });

  test("hovering a suggestion outlines its span in the text", async () => {
    setup({ suggest_claims: () => [{ ...suggestion, start: 9, end: 18, exact: "Zelenskyy" }] });
    const body = await openArticle();
    await fireEvent.click(screen.getByTestId("inspector-tab-suggestions"));
    await fireEvent.mouseEnter(await screen.findByTestId("suggestion"));
    await waitFor(() => expect(body.querySelector(".preview")?.textContent).toBe("Zelenskyy"));
  });

  test("Edit opens Mark claim prefilled from the suggestion", async () => {
    setup({ suggest_claims: () => [suggestion] });
    await openArticle();
    await fireEvent.click(screen.getByTestId("inspector-tab-suggestions"));
    await fireEvent.click(within(await screen.findByTestId("suggestion")).getByTestId("suggestion-edit"));
    const popover = await screen.findByTestId("mark-popover");
    expect((within(popover).getByTestId("claim-statement") as HTMLTextAreaElement).value).toBe(
      "we are ready to drop the NATO bid for legally binding guarantees",
    );
    expect((within(popover).getByTestId("claim-claimant") as HTMLInputElement).value).toBe("Volodymyr Zelenskyy");
  });
});

describe("people", () => {
  test("aliases can be added and removed, and a merge asks first", async () => {
    const zelensky = person();
    const other = person({ id: "p2", name: "Zelenskiy", aliases: [], claims: 2 });
    const backend = setup({
      list_persons: () => [zelensky, other],
      add_alias: () => zelensky,
      remove_alias: () => zelensky,
      merge_persons: () => zelensky,
    });
    await screen.findByTestId("library-item");
    await fireEvent.keyDown(window, { key: "p", ctrlKey: true, shiftKey: true });
    const rows = await screen.findAllByTestId("person-row");
    const row = rows.find((r) => r.dataset.personId === "p1")!;
    expect(row.textContent).toContain("the Ukrainian president");

    await fireEvent.input(within(row).getByTestId("alias-input"), { target: { value: "Zelenskyj" } });
    await fireEvent.click(within(row).getByTestId("alias-add"));
    await waitFor(() => expect(backend.callsTo("add_alias")).toEqual([{ personId: "p1", alias: "Zelenskyj" }]));
    await fireEvent.click(within(row).getByRole("button", { name: "Remove alias Zelensky" }));
    await waitFor(() => expect(backend.callsTo("remove_alias")).toEqual([{ personId: "p1", alias: "Zelensky" }]));

    const second = rows.find((r) => r.dataset.personId === "p2")!;
    await fireEvent.change(within(second).getByTestId("merge-target"), { target: { value: "p1" } });
    await fireEvent.click(within(second).getByTestId("merge-button"));
    expect((await screen.findByTestId("confirm-message")).textContent).toContain("“Zelenskiy” will be merged into “Volodymyr Zelenskyy”");
    expect(backend.callsTo("merge_persons"), "nothing merges before the confirmation").toHaveLength(0);
    await fireEvent.click(screen.getByTestId("confirm-button"));
    await waitFor(() => expect(backend.callsTo("merge_persons")).toEqual([{ from: "p2", into: "p1" }]));
  });
});

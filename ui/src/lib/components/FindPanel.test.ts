// Find everywhere in the whole window, against a fake shell: F (or the
// button) on the claim in the inspector asks find_matches, shows progress,
// then hits grouped by article in context; each hit is added as an appearance
// only on a click (with the hit's speaker, time and chain), with Undo; Add all
// adds the rest; related claims are linked with a chosen relation, or opened.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../App.svelte";
import { fakeBackend } from "../../tests/backend";
import { AppState } from "../app.svelte";
import { appearance, claim, detail, matchHit, summary, meaningOn } from "../../tests/fixtures";
import type { Matches } from "../bindings/Matches";
import type { RelatedClaim } from "../bindings/RelatedClaim";

const BODY = "Kyiv: Zelenskyy said Ukraine could drop its NATO bid.";
const article = summary({ id: "a1" });
const c1 = claim({ id: "c1", appearances: [appearance({ id: "ap1", start: 6, end: 53, exact: BODY.slice(6) })] });

const hitA = matchHit({ article_id: "a2", article_title: "Kyiv Independent story", outlet: "Kyiv Independent", start: 10, end: 50 });
const hitB = matchHit({
  article_id: "a3",
  article_title: "Reuters story",
  outlet: "Reuters",
  start: 5,
  end: 45,
  similarity: 0.87,
  // 60 characters either side, cut mid-word by the core.
  before: "pean diplomats said would need firm commitments in return. “",
  after: ",” Zelensky told reporters. European officials meeting in Be",
  verbatim: false,
  match: "near",
  diff: [
    { op: "equal", text: "we are ready to drop" },
    { op: "delete", text: "the" },
    { op: "insert", text: "our" },
    { op: "equal", text: "NATO bid for legally binding guarantees" },
  ],
  exact: "we are ready to drop our NATO bid for legally binding guarantees",
  hints: { ...matchHit().hints, speaker: "Volodymyr Zelenskiy", stated_at: "2025-12-15T14:46:00+00:00" },
});
const related: RelatedClaim = {
  claim_id: "c7",
  score: 0.64,
  claim: {
    id: "c7",
    statement: "Kyiv may give up NATO membership for guarantees",
    claimant: "Volodymyr Zelenskyy",
    review_state: "unreviewed",
    verdict: null,
    appearances: 2,
    first_stated_at: "2025-12-14",
  },
  reasons: ["similar wording", "same claimant", "stated within 1 day"],
  linked: null,
  related_to: "c1",
};

function setup(handlers: Parameters<typeof fakeBackend>[1] = {}) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const backend = fakeBackend([article], {
    get_article: () => detail({ ...article, body: BODY }),
    article_appearances: () => c1.appearances,
    list_claims: () => [c1],
    list_storylines: () => [],
    list_links: () => [],
    ...handlers,
  });
  render(App);
  return backend;
}

/** Opens the article and its claim in the inspector. */
async function openClaim() {
  await fireEvent.click(await screen.findByTestId("library-item"));
  const body = await screen.findByTestId("reader-body");
  await fireEvent.click(await within(body).findByTestId("highlight"));
  return screen.findByTestId("claim-detail");
}

describe("find everywhere", () => {
  test("F asks find_matches for the claim, shows progress, then the hits grouped by article in context", async () => {
    let answer: (m: Matches) => void = () => {};
    const backend = setup({ find_matches: () => new Promise<Matches>((r) => (answer = r)) });
    await openClaim();
    await fireEvent.keyDown(window, { key: "f" });

    expect(await screen.findByTestId("find-progress"), "progress while the core looks").toBeTruthy();
    expect(backend.lastCallTo("find_matches")).toEqual({ scope: { claim: "c1" } });
    answer({ hits: [hitA, hitB, { ...hitA, start: 60, end: 99 }], related: [], meaning: meaningOn });

    const groups = await screen.findAllByTestId("find-group");
    expect(groups.map((g) => g.dataset.articleId), "two hits in a2 share its group").toEqual(["a2", "a3"]);
    expect(within(groups[0]).getAllByTestId("find-hit")).toHaveLength(2);
    expect(groups[0].textContent).toContain("Kyiv Independent story");
    expect(groups[0].textContent).toContain("15 Dec 2025");
    const first = within(groups[0]).getAllByTestId("find-hit")[0];
    expect(first.querySelector("mark")!.textContent, "the hit itself is marked").toBe(hitA.exact);
    expect(first.textContent).toContain(hitA.before);
    expect(first.textContent).toContain(hitA.after);
    expect(within(first).getByTestId("hit-verbatim")).toBeTruthy();
    expect(within(first).getByTestId("hit-similarity").textContent).toBe("100% similar");
    const second = within(groups[1]).getByTestId("find-hit");
    expect(within(second).queryByTestId("hit-verbatim"), "changed words are not verbatim").toBeNull();
    expect(within(second).getByTestId("hit-similarity").textContent).toBe("87% similar");
    expect(within(second).getByTestId("hit-kind").textContent, "how it matched is said").toBe("Near copy");
    expect(
      screen.getAllByTestId("find-kind").map((h) => h.dataset.kind),
      "hits are listed by how they matched",
    ).toEqual(["verbatim", "near"]);
    const diff = within(second).getByTestId("hit-diff");
    expect(diff.querySelector("del")?.textContent, "the quote's word the copy changed").toBe("the");
    expect(diff.querySelector("ins")?.textContent, "and what it wrote instead").toBe("our");
    expect(within(first).queryByTestId("hit-diff"), "a verbatim copy has nothing to show").toBeNull();
    expect(second.querySelector(".context")!.textContent, "cut context starts and ends on whole words").toBe(
      `…diplomats said would need firm commitments in return. “${hitB.exact},” Zelensky told reporters. European officials meeting in…`,
    );
    expect(second.textContent).toContain("Speaker: Volodymyr Zelenskiy");
    expect(second.textContent).toContain("15 Dec 2025, 14:46 (UTC)");
    expect(within(second).getByTestId("attribution-chain").textContent).toContain("Kyiv Independent");
    expect(screen.getByTestId("find-no-related"), "no related claims: said so").toBeTruthy();
    expect(backend.callsTo("add_appearance"), "nothing is added by itself").toEqual([]);
  });

  test("Add as appearance sends the hit's span and hints; Undo deletes the new appearance", async () => {
    const added = claim({ ...c1, appearances: [...c1.appearances, appearance({ id: "ap-new", article_id: "a3", start: 5, end: 45 })] });
    const backend = setup({
      find_matches: () => ({ hits: [hitB], related: [], meaning: meaningOn }),
      add_appearance: () => added,
      delete_appearance: () => c1,
    });
    await openClaim();
    await fireEvent.click(await screen.findByTestId("find-everywhere"));
    await fireEvent.click(await screen.findByTestId("hit-add"));
    await waitFor(() =>
      expect(backend.callsTo("add_appearance")).toEqual([
        {
          claimId: "c1",
          appearance: {
            article_id: "a3",
            revision: 1,
            start: 5,
            end: 45,
            kind: "direct_quote",
            speaker: "Volodymyr Zelenskiy",
            stated_at: "2025-12-15T14:46:00+00:00",
            venue: null,
            attribution: hitB.hints.attribution,
          },
        },
      ]),
    );
    expect(await screen.findByTestId("hit-added")).toBeTruthy();
    expect((await screen.findByTestId("notice")).textContent).toContain("Reuters story");
    await fireEvent.click(screen.getByTestId("hit-undo"));
    await waitFor(() => expect(backend.callsTo("delete_appearance")).toEqual([{ id: "ap-new" }]));
    expect(await screen.findByTestId("hit-add"), "undone: the hit can be added again").toBeTruthy();
  });

  test("Add all adds every hit not added yet, one Undo removes them all", async () => {
    let n = 0;
    const backend = setup({
      find_matches: () => ({ hits: [hitA, hitB], related: [], meaning: meaningOn }),
      add_appearance: (args) => {
        const f = args.appearance as { article_id: string; start: number; end: number };
        return claim({ ...c1, appearances: [appearance({ id: `new${++n}`, article_id: f.article_id, start: f.start, end: f.end })] });
      },
      delete_appearance: () => c1,
    });
    await openClaim();
    await fireEvent.keyDown(window, { key: "f" });
    const addAll = await screen.findByTestId("find-add-all");
    expect(addAll.textContent).toContain("Add all 2");
    await fireEvent.click(addAll);
    await waitFor(() => expect(screen.getAllByTestId("hit-added")).toHaveLength(2));
    expect(backend.callsTo("add_appearance").map((a) => (a.appearance as { article_id: string }).article_id)).toEqual(["a2", "a3"]);
    expect(screen.queryByTestId("find-add-all"), "nothing left to add").toBeNull();
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("2 appearances added");
    await fireEvent.click(within(notice).getByTestId("notice-action"));
    await waitFor(() => expect(backend.callsTo("delete_appearance")).toEqual([{ id: "new1" }, { id: "new2" }]));
  });

  test("related claims: linked with the chosen relation (same claim by default), or opened", async () => {
    const backend = setup({
      find_matches: () => ({ hits: [], related: [related], meaning: meaningOn }),
      create_link: () => ({ id: "l1" }),
      delete_link: () => null,
      get_claim: () => c1,
    });
    await openClaim();
    await fireEvent.keyDown(window, { key: "f" });
    const row = await screen.findByTestId("related-claim");
    expect(screen.getByTestId("find-no-hits"), "no hits: said so").toBeTruthy();
    expect(row.textContent).toContain("64%");
    expect(row.textContent).toContain("same claimant");
    expect((within(row).getByTestId("related-relation") as HTMLSelectElement).value).toBe("same_as");
    await fireEvent.change(within(row).getByTestId("related-relation"), { target: { value: "contradicts" } });
    await fireEvent.click(within(row).getByTestId("related-link"));
    await waitFor(() =>
      expect(backend.callsTo("create_link")).toEqual([{ fields: { from_claim_id: "c1", to_claim_id: "c7", relation: "contradicts" } }]),
    );
    expect((await within(row).findByTestId("related-linked")).textContent).toContain("Contradicts");

    await fireEvent.click(within(row).getByTestId("related-open"));
    await waitFor(() => expect(backend.callsTo("get_claim")).toEqual([{ id: "c7" }]));
  });

  test("Find this wording on an appearance asks for that appearance; an error is shown with Try again; Esc closes", async () => {
    let fail = true;
    const backend = setup({
      find_matches: () => {
        if (fail) throw { code: "internal", message: "The search index is busy." };
        return { hits: [], related: [], meaning: meaningOn };
      },
    });
    const pane = await openClaim();
    await fireEvent.click(within(pane).getByTestId("find-wording"));
    expect(backend.lastCallTo("find_matches")).toEqual({ scope: { appearance: "ap1" } });
    expect((await screen.findByTestId("find-error")).textContent).toContain("The search index is busy.");
    fail = false;
    await fireEvent.click(screen.getByText("Try again"));
    expect(await screen.findByTestId("find-no-hits")).toBeTruthy();
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("find-panel")).toBeNull());
    expect(screen.getByTestId("reader-body"), "the reader is back").toBeTruthy();
  });

  test("a storyline's hits can be added, each to its own claim; a related claim links to the claim it resembles", async () => {
    Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
    const backend = fakeBackend([article], {
      list_storylines: () => [],
      find_matches: () => ({ hits: [hitA, { ...hitB, claim_id: "c2" }], related: [{ ...related, related_to: "c2" }], meaning: meaningOn }),
      add_appearance: () => c1,
      create_link: () => ({ id: "l1" }),
    });
    const app = new AppState();
    render(App, { props: { app } });
    await screen.findByTestId("library-item");
    const brief = (id: string, statement: string) => ({ ...related.claim, id, statement });
    app.storylines.detail = {
      id: "s1",
      name: "Berlin talks, Dec 2025",
      description: null,
      claims: [brief("c1", "Ukraine would drop its NATO bid"), brief("c2", "Talks continue on Monday")],
      claim_ids: ["c1", "c2"],
      created_at: "2025-12-15T10:00:00Z",
    };
    // What the storyline page's Find everywhere does.
    void app.find.run({ scope: { storyline: "s1" }, claimId: null, label: "Berlin talks, Dec 2025" });
    await fireEvent.click(await screen.findByTestId("find-add-all"));
    await waitFor(() => expect(backend.callsTo("add_appearance").map((a) => a.claimId)).toEqual(["c1", "c2"]));
    expect(backend.lastCallTo("find_matches")).toEqual({ scope: { storyline: "s1" } });
    expect(screen.getAllByTestId("hit-claim").map((c) => c.textContent), "each hit says which claim it is of").toEqual([
      "Claim: Ukraine would drop its NATO bid",
      "Claim: Talks continue on Monday",
    ]);
    expect(screen.getByTestId("find-subject").textContent).toContain("Berlin talks, Dec 2025");
    const row = screen.getByTestId("related-claim");
    expect(within(row).getByTestId("related-to").textContent).toBe("Like: Talks continue on Monday");
    expect(within(row).getByTestId("related-open")).toBeTruthy();
    await fireEvent.click(within(row).getByTestId("related-link"));
    await waitFor(() =>
      expect(backend.lastCallTo("create_link")).toEqual({
        fields: { from_claim_id: "c2", to_claim_id: "c7", relation: "same_as" },
      }),
    );
  });

  test("a partial quote says how much of the quote it carries and what was left out", async () => {
    const partial = matchHit({
      article_id: "a3",
      verbatim: false,
      match: "partial",
      similarity: 0.5,
      exact: "drop the NATO bid",
      partial: { matched: "drop the NATO bid", left_out_before: "we are ready to", left_out_after: "for legally binding guarantees" },
    });
    setup({ find_matches: () => ({ hits: [partial], related: [], meaning: meaningOn }) });
    await openClaim();
    await fireEvent.keyDown(window, { key: "f" });
    const hit = await screen.findByTestId("find-hit");
    expect(within(hit).getByTestId("hit-kind").textContent).toBe("Partial quote");
    expect(within(hit).getByTestId("hit-similarity").textContent).toBe("50% of the quote");
    expect(within(hit).getByTestId("hit-left-out").textContent!.trim()).toBe("Left out: we are ready to … for legally binding guarantees");
  });

  test("F does nothing while typing in a field", async () => {
    const backend = setup({ find_matches: () => ({ hits: [], related: [], meaning: meaningOn }) });
    const pane = await openClaim();
    await fireEvent.click(within(pane).getByTestId("claim-edit"));
    await fireEvent.keyDown(within(pane).getByTestId("claim-statement"), { key: "f" });
    expect(backend.callsTo("find_matches")).toEqual([]);
  });

  test("a translation shows the claim's words beside the article's, with how close the meaning is, and Add all leaves it to a person", async () => {
    const translation = matchHit({
      article_id: "a4",
      article_title: "Українська правда",
      outlet: "Ukrainska Pravda",
      verbatim: false,
      match: "translation",
      similarity: 0.91,
      exact: "«Україна готова відмовитися від заявки до НАТО», — заявив Зеленський.",
      before: "",
      after: "",
    });
    const paraphrase = matchHit({ article_id: "a5", verbatim: false, match: "paraphrase", similarity: 0.9, exact: "Kyiv could give up its NATO ambitions, he said." });
    const backend = setup({ find_matches: () => ({ hits: [hitA, { ...hitA, article_id: "a6" }, paraphrase, translation], related: [], meaning: meaningOn }) });
    await openClaim();
    await fireEvent.keyDown(window, { key: "f" });
    await screen.findAllByTestId("find-hit");
    const kinds = screen.getAllByTestId("find-kind").map((h) => h.getAttribute("data-kind"));
    expect(kinds).toEqual(["verbatim", "paraphrase", "translation"]);
    const hits = screen.getAllByTestId("find-hit");
    const translated = hits[3];
    const beside = within(translated).getByTestId("hit-original");
    expect(beside.textContent).toContain("The claim’s words");
    expect(beside.textContent).toContain(translation.source_exact);
    expect(beside.textContent).toContain("відмовитися");
    expect(within(translated).getByTestId("hit-similarity").textContent).toBe("91% close in meaning");
    expect(within(hits[2]).getByTestId("hit-kind").textContent).toBe("Same meaning");
    expect(within(hits[2]).queryByTestId("hit-original")).toBeNull();
    // Add all adds the two word matches only.
    const addAll = screen.getByTestId("find-add-all");
    expect(addAll.textContent).toContain("Add all 2 word matches");
    await fireEvent.click(addAll);
    await waitFor(() => expect(backend.callsTo("add_appearance")).toHaveLength(2));
    expect(backend.callsTo("add_appearance").map((c) => (c as { appearance: { article_id: string } }).appearance.article_id)).toEqual(["a2", "a6"]);
    // One click adds a translation as an appearance.
    await fireEvent.click(within(translated).getByTestId("hit-add"));
    await waitFor(() => expect(backend.callsTo("add_appearance")).toHaveLength(3));
  });

  test("the panel says when matching by meaning is off, and when articles are still being read, with Search again", async () => {
    let meaning = { on: false, reason: "the model file multilingual-e5-small-q4.bin is not installed", embedded: 0, waiting: 0, statements: 0 };
    const backend = setup({ find_matches: () => ({ hits: [], related: [], meaning }) });
    await openClaim();
    await fireEvent.keyDown(window, { key: "f" });
    const off = await screen.findByTestId("meaning-off");
    expect(off.textContent).toContain("Matching by meaning is off: the model file multilingual-e5-small-q4.bin is not installed. Only the claim’s words");
    expect(screen.getByTestId("find-no-hits").textContent).not.toContain("another language");

    meaning = { on: true, reason: null, embedded: 1, waiting: 2, statements: 4 } as never;
    await fireEvent.click(screen.getByTestId("find-close"));
    await fireEvent.keyDown(window, { key: "f" });
    const waiting = await screen.findByTestId("meaning-waiting");
    expect(waiting.textContent).toContain("2 articles are still being read for matching by meaning");
    expect(screen.getByTestId("find-no-hits").textContent).toContain("another language");
    backend.emit("embedding-progress", { done: 1, total: 2 });
    await waitFor(() => expect(screen.getByTestId("meaning-waiting").textContent).toContain("(1 of 2 done)"));
    const before = backend.callsTo("find_matches").length;
    meaning = meaningOn as never;
    await fireEvent.click(within(waiting).getByTestId("find-again"));
    await waitFor(() => expect(backend.callsTo("find_matches")).toHaveLength(before + 1));
    await waitFor(() => expect(screen.queryByTestId("meaning-waiting")).toBeNull());
  });
});

// The search box in the top bar against a fake shell: `/`, search as you
// type (debounced, stale answers dropped), the results view with marked
// snippets and meta, the filters, keyboard walking, and opening each kind.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, summary } from "../../../tests/fixtures";
import { appearanceHit, articleHit, claimHit, personHit, results } from "../../../tests/trail";
import { searchQuery } from "../../search.svelte";
import { AppState } from "../../app.svelte";
import type { SearchResults } from "../../bindings/SearchResults";

const articles = [
  summary({ id: "a1", title: "Zelenskyy offers to drop NATO bid", outlet: "ANI" }),
  summary({ id: "a2", title: "Kremlin responds to Berlin talks", outlet: "Reuters" }),
];
const theClaim = claim({ id: "c1", appearances: [appearance({ id: "ap1", claim_id: "c1", article_id: "a1" })] });
const everything = results({
  claims: [claimHit({ id: "c1" })],
  appearances: [appearanceHit()],
  articles: [articleHit()],
  persons: [personHit()],
});

function setup(
  answer: (args: Record<string, unknown>) => unknown = () => everything,
  handlers: Parameters<typeof fakeBackend>[1] = {},
  app = new AppState(),
) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const backend = fakeBackend(articles, {
    search: answer,
    get_claim: () => theClaim,
    article_appearances: (a) => (a.articleId === "a1" ? theClaim.appearances : []),
    list_claims: (a) => ((a.query as { article_id?: string }).article_id === "a1" ? [theClaim] : []),
    list_storylines: () => [],
    list_links: () => [],
    ...handlers,
  });
  render(App, { props: { app } });
  return backend;
}

async function type(text: string) {
  const input = screen.getByTestId("search-input") as HTMLInputElement;
  input.focus();
  await fireEvent.input(input, { target: { value: text } });
  return input;
}

describe("the search box", () => {
  test("/ focuses it, and the empty results view explains words, phrases, prefixes and the filters", async () => {
    setup();
    await screen.findAllByTestId("library-item");
    await fireEvent.keyDown(document.body, { key: "/" });
    expect(document.activeElement).toBe(screen.getByTestId("search-input"));

    // Typing and clearing shows the guide.
    await type("x");
    await type("");
    const guide = await screen.findByTestId("search-empty");
    expect(guide.textContent).toContain('"legally binding"');
    expect(guide.textContent, "the trailing prefix is explained").toContain("start of a word");
    expect(guide.textContent).toContain("filters");
  });

  test("search runs once typing pauses, with the last words only", async () => {
    const backend = setup();
    await screen.findAllByTestId("library-item");
    await type("l");
    await type("leg");
    await type("legally");
    await screen.findByTestId("search-summary");
    expect(backend.callsTo("search"), "one question for three quick keystrokes").toEqual([{ query: { text: "legally" } }]);
  });

  test("an answer overtaken by a newer question is dropped", async () => {
    const pending: Record<string, (r: SearchResults) => void> = {};
    const backend = setup((a) => new Promise((resolve) => (pending[(a.query as { text: string }).text] = resolve)));
    await screen.findAllByTestId("library-item");
    await type("kremlin");
    await waitFor(() => expect(backend.callsTo("search")).toHaveLength(1));
    await type("legally");
    await waitFor(() => expect(backend.callsTo("search")).toHaveLength(2));

    pending.legally(results({ articles: [articleHit({ title: "The newer answer" })] }));
    await screen.findByText("The newer answer");
    pending.kremlin(results({ articles: [articleHit({ article_id: "a9", title: "The stale answer" })] }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText("The stale answer"), "the older answer arrived last but is not shown").toBeNull();
  });

  test("results come in a section per kind, matched words in <mark>, with outlet, date and claimant", async () => {
    setup();
    await screen.findAllByTestId("library-item");
    await type("legally");
    const view = await screen.findByTestId("search-view");
    await within(view).findByTestId("search-summary");

    const claims = within(view).getByTestId("search-section-claim");
    expect(claims.textContent).toContain("Volodymyr Zelenskyy");
    expect(claims.textContent).toContain("Unreviewed");
    expect(claims.textContent).toContain("1 appearance");

    const appearances = within(view).getByTestId("search-section-appearance");
    expect([...appearances.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["legally"]);
    expect(appearances.textContent).toContain("ANI");
    expect(appearances.textContent, "when the statement was made").toContain("stated 14 Dec 2025");

    const arts = within(view).getByTestId("search-section-article");
    expect(arts.textContent).toContain("Kremlin responds to Berlin talks");
    expect(arts.textContent).toContain("Reuters");
    expect(arts.querySelector("mark")?.textContent).toBe("legally");
    expect(within(view).getByTestId("search-section-person").textContent).toContain("also Zelensky");
  });

  test("an appearance repeats its claim's statement only when the quote words it differently", async () => {
    setup(() =>
      results({
        appearances: [
          appearanceHit({ appearance_id: "ap1", snippet: [{ text: "Ukraine would drop its NATO bid in exchange for legally binding guarantees", hit: false }] }),
          appearanceHit({ appearance_id: "ap2" }),
        ],
      }),
    );
    await screen.findAllByTestId("library-item");
    await type("nato");
    await screen.findByTestId("search-summary");
    const [same, other] = within(screen.getByTestId("search-section-appearance")).getAllByTestId("search-result");
    expect(same.textContent).not.toContain("Claim:");
    expect(other.textContent).toContain("Claim: Ukraine would drop its NATO bid");
  });

  test("hostile snippet text is shown as text, never as markup", async () => {
    setup(() => results({ articles: [articleHit({ snippet: [{ text: "<img src=x onerror=alert(1)>", hit: true }] })] }));
    await screen.findAllByTestId("library-item");
    await type("img");
    const view = await screen.findByTestId("search-view");
    await within(view).findByTestId("search-summary");
    expect(view.querySelector("img")).toBeNull();
    expect(view.querySelector("mark")?.textContent).toBe("<img src=x onerror=alert(1)>");
  });

  test("no results says so, and offers to clear the filters that narrow it", async () => {
    const backend = setup(() => results());
    await screen.findAllByTestId("library-item");
    await type("zzz");
    await fireEvent.change(await screen.findByTestId("filter-outlet"), { target: { value: "Reuters" } });
    const none = await screen.findByTestId("search-none");
    await waitFor(() => expect(backend.lastCallTo("search")).toEqual({ query: { text: "zzz", outlet: "Reuters" } }));
    expect(none.textContent).toContain("No results for “zzz”");
    await fireEvent.click(within(none).getByTestId("search-clear-filters-none"));
    await waitFor(() => expect(backend.lastCallTo("search")).toEqual({ query: { text: "zzz" } }));
  });

  test("filters go into the query: claimant, verdict, tag, and a date range by stated time", async () => {
    const backend = setup();
    await screen.findAllByTestId("library-item");
    await type("nato");
    await screen.findByTestId("search-summary");
    await fireEvent.input(screen.getByTestId("filter-claimant"), { target: { value: "Zelensky" } });
    await fireEvent.change(screen.getByTestId("filter-verdict"), { target: { value: "mostly_false" } });
    await fireEvent.input(screen.getByTestId("filter-tag"), { target: { value: "nato" } });
    await fireEvent.input(screen.getByTestId("filter-from"), { target: { value: "2025-12-01" } });
    await fireEvent.input(screen.getByTestId("filter-to"), { target: { value: "2025-12" } });
    expect(screen.getByTestId("filter-to").getAttribute("aria-invalid"), "a half-typed date is marked").toBe("true");
    await fireEvent.input(screen.getByTestId("filter-to"), { target: { value: "2025-12-31" } });
    await fireEvent.click(within(screen.getByTestId("filter-date-by")).getByRole("radio", { name: "Stated" }));
    await waitFor(() =>
      expect(backend.lastCallTo("search")).toEqual({
        query: {
          text: "nato",
          claimant: "Zelensky",
          verdict: "mostly_false",
          tag: "nato",
          from: "2025-12-01",
          to: "2025-12-31",
          date_by: "stated",
        },
      }),
    );
    expect(
      backend.callsTo("search").some((c) => (c.query as { to?: string }).to === "2025-12"),
      "a half-typed date is never asked",
    ).toBe(false);
  });

  test("↓ and Enter in the box open the highlighted result: an article opens in the reader", async () => {
    const backend = setup(() => results({ articles: [articleHit({ article_id: "a1" }), articleHit({ article_id: "a2", title: "Second" })] }));
    await screen.findAllByTestId("library-item");
    const input = await type("talks");
    await screen.findByTestId("search-summary");
    const options = screen.getAllByTestId("search-result");
    expect(options[0].getAttribute("aria-selected")).toBe("true");

    await fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(options[1].getAttribute("aria-selected")).toBe("true");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[1].id);
    await fireEvent.keyDown(input, { key: "Enter" });

    await screen.findByTestId("reader-title");
    expect(backend.lastCallTo("get_article")).toEqual({ id: "a2", revision: null });
    expect(document.activeElement, "the keyboard leaves the search box for what opened").not.toBe(input);
    expect(screen.queryByTestId("search-view"), "the reader replaces the results").toBeNull();
  });

  test("an appearance opens its article with the claim in the inspector", async () => {
    const backend = setup();
    await screen.findAllByTestId("library-item");
    await type("legally");
    await screen.findByTestId("search-summary");
    await fireEvent.click(within(screen.getByTestId("search-section-appearance")).getByTestId("search-result"));

    const detail = await screen.findByTestId("claim-detail");
    expect(detail.dataset.claimId).toBe("c1");
    expect(backend.lastCallTo("get_article"), "the appearance's article at its revision").toEqual({ id: "a1", revision: 1 });
  });

  test("a claim opens in the inspector beside an article it appears in", async () => {
    setup();
    await screen.findAllByTestId("library-item");
    await type("legally");
    await screen.findByTestId("search-summary");
    await fireEvent.click(within(screen.getByTestId("search-section-claim")).getByTestId("search-result"));
    expect((await screen.findByTestId("claim-detail")).dataset.claimId).toBe("c1");
  });

  test("a person opens their timeline", async () => {
    const app = new AppState();
    setup(undefined, { timeline: () => ({ points: [], links: [] }) }, app);
    await screen.findAllByTestId("library-item");
    await type("zelen");
    await screen.findByTestId("search-summary");
    await fireEvent.click(within(screen.getByTestId("search-section-person")).getByTestId("search-result"));
    expect(app.view).toEqual({ kind: "timeline", scope: { person: "p1" } });
  });

  test("Esc clears the words, and on an empty box goes back to the reader", async () => {
    setup();
    await screen.findAllByTestId("library-item");
    const input = await type("legally");
    await screen.findByTestId("search-summary");
    await fireEvent.keyDown(input, { key: "Escape" });
    expect(input.value).toBe("");
    expect(screen.getByTestId("search-view")).toBeTruthy();
    await fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.queryByTestId("search-view")).toBeNull();
    expect(screen.getByText("Select an article to read it")).toBeTruthy();
  });

  test("a failed search shows the core's message and can be tried again", async () => {
    let fail = true;
    setup(() => {
      if (fail) throw { code: "invalid_input", message: "The query has an unclosed quotation mark." };
      return everything;
    });
    await screen.findAllByTestId("library-item");
    await type('"legally');
    const error = await screen.findByTestId("search-error");
    expect(error.textContent).toContain("The query has an unclosed quotation mark.");
    fail = false;
    await fireEvent.click(within(error).getByRole("button", { name: "Try again" }));
    await screen.findByTestId("search-summary");
  });
});

describe("searchQuery", () => {
  const none = { claimant: "", outlet: "", verdict: "", tag: "", storylineId: "", from: "", to: "", dateBy: "published" as const };

  test("nothing typed and no filter asks nothing", () => {
    expect(searchQuery("  ", none)).toBeNull();
  });

  test("a filter alone is a question; the time basis goes only with dates", () => {
    expect(searchQuery("", { ...none, storylineId: "s1" })).toEqual({ text: "", storyline_id: "s1" });
    expect(searchQuery("x", { ...none, dateBy: "stated" })).toEqual({ text: "x" });
    expect(searchQuery("x", { ...none, from: "2025-12-01", dateBy: "stated" })).toEqual({
      text: "x",
      from: "2025-12-01",
      date_by: "stated",
    });
  });
});

describe("saved searches", () => {
  test("Save search… keeps the words and filters by name; the left pane runs and deletes it", async () => {
    type Saved = { id: string; name: string; query: Record<string, unknown>; created_by: string; created_at: string };
    let kept: Saved[] = [];
    const backend = setup(() => everything, {
      list_saved_searches: () => kept,
      save_search: (args) => {
        const saved = { id: "s1", name: args.name as string, query: args.query as Record<string, unknown>, created_by: "u1", created_at: "2025-12-15T10:00:00+01:00" };
        kept = [saved];
        return saved;
      },
      delete_saved_search: () => {
        kept = [];
        return null;
      },
    });
    await screen.findAllByTestId("library-item");
    expect(screen.queryByTestId("saved-searches"), "no section until something is saved").toBeNull();

    await type("guarantees");
    await screen.findByTestId("search-summary");
    await fireEvent.click(screen.getByTestId("search-save"));
    const name = screen.getByTestId("search-save-name") as HTMLInputElement;
    expect(name.value, "the words are offered as the name").toBe("guarantees");
    await fireEvent.input(name, { target: { value: "NATO guarantees" } });
    await fireEvent.submit(screen.getByTestId("search-save-form"));
    await waitFor(() => expect(backend.lastCallTo("save_search")).toEqual({ name: "NATO guarantees", query: { text: "guarantees" } }));
    const entry = await screen.findByTestId("saved-search");
    expect(entry.textContent?.trim()).toBe("NATO guarantees");
    expect(screen.queryByTestId("search-save-form"), "the form closes once saved").toBeNull();

    // Another search, then the saved one runs again from the left pane.
    await type("Kremlin");
    await waitFor(() => expect(backend.lastCallTo("search")).toEqual({ query: { text: "Kremlin" } }));
    await fireEvent.click(entry);
    await waitFor(() => expect(backend.lastCallTo("search")).toEqual({ query: { text: "guarantees" } }));
    expect((screen.getByTestId("search-input") as HTMLInputElement).value).toBe("guarantees");

    await fireEvent.click(screen.getByTestId("saved-search-delete"));
    await waitFor(() => expect(backend.lastCallTo("delete_saved_search")).toEqual({ id: "s1" }));
    await waitFor(() => expect(screen.queryByTestId("saved-searches")).toBeNull());
    expect(await screen.findByText(/Deleted the saved search “NATO guarantees”/)).toBeTruthy();
  });

  test("a saved search with filters opens the filter bar with them set", async () => {
    setup(() => everything, {
      list_saved_searches: () => [
        { id: "s2", name: "Peskov, false", query: { text: "", claimant: "Peskov", verdict: "false" }, created_by: "u1", created_at: "2025-12-15T10:00:00+01:00" },
      ],
    });
    await fireEvent.click(await screen.findByTestId("saved-search"));
    await waitFor(() => expect(screen.getByTestId("search-view")).toBeTruthy());
    const filters = await screen.findByTestId("search-filters");
    expect(within(filters).getByDisplayValue("Peskov")).toBeTruthy();
  });
});

test("saving a search that is saved already offers no Undo (nothing was written)", async () => {
  const kept = { id: "s1", name: "guarantees", query: { text: "guarantees" }, created_by: "u1", created_at: "2025-12-15T10:00:00+01:00" };
  setup(() => everything, { list_saved_searches: () => [kept], save_search: () => kept });
  await screen.findByTestId("saved-search");
  await type("guarantees");
  await screen.findByTestId("search-summary");
  await fireEvent.click(screen.getByTestId("search-save"));
  await fireEvent.submit(screen.getByTestId("search-save-form"));
  const notice = await screen.findByText(/“guarantees” is saved already/);
  expect(within(notice.closest("[data-testid=notice]") ?? notice.parentElement!).queryByText("Undo")).toBeNull();
});

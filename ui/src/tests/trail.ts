// Fixtures and small in-memory fakes for the search, storylines and links
// tests: claim briefs, search hits, and a storylines store that answers like
// the core (order kept, details with claim briefs).
import type { AppearanceHit } from "../lib/bindings/AppearanceHit";
import type { ArticleHit } from "../lib/bindings/ArticleHit";
import type { ClaimBrief } from "../lib/bindings/ClaimBrief";
import type { ClaimHit } from "../lib/bindings/ClaimHit";
import type { LinkInfo } from "../lib/bindings/LinkInfo";
import type { PersonHit } from "../lib/bindings/PersonHit";
import type { SearchResults } from "../lib/bindings/SearchResults";
import type { StorylineDetail } from "../lib/bindings/StorylineDetail";
import type { StorylineInfo } from "../lib/bindings/StorylineInfo";

type Args = Record<string, unknown>;

export function brief(overrides: Partial<ClaimBrief> = {}): ClaimBrief {
  return {
    id: "c1",
    statement: "Ukraine would drop its NATO bid in exchange for legally binding guarantees",
    claimant: "Volodymyr Zelenskyy",
    review_state: "unreviewed",
    verdict: null,
    appearances: 1,
    first_stated_at: "2025-12-14",
    ...overrides,
  };
}

export function claimHit(overrides: Partial<ClaimBrief> = {}): ClaimHit {
  const claim = brief(overrides);
  return { claim, snippet: [{ text: claim.statement, hit: false }], score: 1 };
}

export function appearanceHit(overrides: Partial<AppearanceHit> = {}): AppearanceHit {
  return {
    appearance_id: "ap1",
    claim_id: "c1",
    statement: "Ukraine would drop its NATO bid in exchange for legally binding guarantees",
    article_id: "a1",
    article_title: "Zelenskyy says Ukraine could drop NATO bid",
    outlet: "ANI",
    speaker: "Volodymyr Zelenskyy",
    stated_at: "2025-12-14",
    published_at: "2025-12-15T02:37:00+05:30",
    snippet: [
      { text: "Ukraine could accept ", hit: false },
      { text: "legally", hit: true },
      { text: " binding security guarantees", hit: false },
    ],
    score: 1,
    ...overrides,
  };
}

export function articleHit(overrides: Partial<ArticleHit> = {}): ArticleHit {
  return {
    article_id: "a2",
    title: "Kremlin responds to Berlin talks",
    outlet: "Reuters",
    published_at: "2025-12-16T09:00:00Z",
    snippet: [
      { text: "talks on ", hit: false },
      { text: "legally", hit: true },
      { text: " binding terms", hit: false },
    ],
    score: 1,
    ...overrides,
  };
}

export function personHit(overrides: Partial<PersonHit> = {}): PersonHit {
  return { person_id: "p1", name: "Volodymyr Zelenskyy", aliases: ["Zelensky"], claims: 2, score: 1, ...overrides };
}

export function results(overrides: Partial<SearchResults> = {}): SearchResults {
  return { articles: [], claims: [], appearances: [], persons: [], ...overrides };
}

export function link(overrides: Partial<LinkInfo> = {}): LinkInfo {
  return {
    id: "l1",
    relation: "contradicts",
    from_claim_id: "c1",
    to_claim_id: "c2",
    outgoing: true,
    other: brief({ id: "c2", statement: "Ukraine will never give up its NATO goal", claimant: "Andriy Yermak" }),
    note: null,
    related_at: null,
    created_by: "Reporter",
    created_at: "2025-12-15T10:00:00Z",
    ...overrides,
  };
}

/**
 * Storylines kept in memory, answering the storyline commands the way the
 * core does. `briefs` describes the claims that may be added.
 */
export function fakeStorylines(briefs: ClaimBrief[], initial: StorylineInfo[] = []) {
  const store: StorylineInfo[] = initial.map((s) => ({ ...s, claim_ids: [...s.claim_ids] }));
  let seq = 0;
  const find = (id: unknown) => {
    const s = store.find((x) => x.id === id);
    if (!s) throw { code: "not_found", message: `No storyline ${String(id)}` };
    return s;
  };
  const detail = (s: StorylineInfo): StorylineDetail => ({
    ...s,
    claim_ids: [...s.claim_ids],
    claims: s.claim_ids.map((id) => briefs.find((b) => b.id === id) ?? brief({ id })),
  });
  return {
    store,
    handlers: {
      list_storylines: () => store.map((s) => ({ ...s, claim_ids: [...s.claim_ids] })),
      get_storyline: (a: Args) => detail(find(a.id)),
      create_storyline: (a: Args) => {
        const s: StorylineInfo = {
          id: `s-new-${++seq}`,
          name: String(a.name),
          description: (a.description as string | null) ?? null,
          claim_ids: [],
          created_at: "2025-12-16T10:00:00Z",
        };
        store.push(s);
        return { ...s };
      },
      update_storyline: (a: Args) => {
        const s = find(a.id);
        s.name = String(a.name);
        s.description = (a.description as string | null) ?? null;
        return { ...s };
      },
      delete_storyline: (a: Args) => {
        store.splice(store.indexOf(find(a.id)), 1);
        return null;
      },
      add_to_storyline: (a: Args) => {
        const s = find(a.storylineId);
        if (!s.claim_ids.includes(String(a.claimId))) s.claim_ids.push(String(a.claimId));
        return detail(s);
      },
      remove_from_storyline: (a: Args) => {
        const s = find(a.storylineId);
        s.claim_ids = s.claim_ids.filter((id) => id !== a.claimId);
        return detail(s);
      },
      reorder_storyline: (a: Args) => {
        const s = find(a.storylineId);
        s.claim_ids = [...(a.claimIds as string[])];
        return detail(s);
      },
    },
  };
}

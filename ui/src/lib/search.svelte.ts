// The search box in the top bar and its results: words and filters, asked
// as the user types (debounced, stale answers dropped), the results walked
// with the arrow keys and opened where they belong. Part of AppState
// (`app.search`).

import * as api from "./api";
import type { AppState, MainView } from "./app.svelte";
import type { AppearanceHit } from "./bindings/AppearanceHit";
import type { ArticleHit } from "./bindings/ArticleHit";
import type { ClaimHit } from "./bindings/ClaimHit";
import type { PersonHit } from "./bindings/PersonHit";
import type { SavedSearch } from "./bindings/SavedSearch";
import type { SearchQuery } from "./bindings/SearchQuery";
import type { SearchResults } from "./bindings/SearchResults";
import type { TimeBasis } from "./bindings/TimeBasis";

/** How long the search waits for typing to pause. */
export const SEARCH_DELAY_MS = 150;

/** The filters under the search box; "" means not set. */
export type SearchFilters = {
  claimant: string;
  outlet: string;
  verdict: string;
  tag: string;
  storylineId: string;
  from: string;
  to: string;
  dateBy: TimeBasis;
};

/** One result, in the order the results view lists them. */
export type ResultItem =
  | { kind: "claim"; key: string; hit: ClaimHit }
  | { kind: "appearance"; key: string; hit: AppearanceHit }
  | { kind: "article"; key: string; hit: ArticleHit }
  | { kind: "person"; key: string; hit: PersonHit };

/** The filters a saved query sets ("" for those it does not). */
export function filtersOf(query: SearchQuery): SearchFilters {
  return {
    claimant: query.claimant ?? "",
    outlet: query.outlet ?? "",
    verdict: query.verdict ?? "",
    tag: query.tag ?? "",
    storylineId: query.storyline_id ?? "",
    from: query.from ?? "",
    to: query.to ?? "",
    dateBy: query.date_by ?? "published",
  };
}

/** Whether two queries ask the same (the order of their fields aside). */
export function sameQuery(a: SearchQuery, b: SearchQuery): boolean {
  const canonical = (q: SearchQuery) =>
    JSON.stringify(
      Object.entries(q)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return canonical(a) === canonical(b);
}

function noFilters(): SearchFilters {
  return { claimant: "", outlet: "", verdict: "", tag: "", storylineId: "", from: "", to: "", dateBy: "published" };
}

/** The query for these words and filters, or null when there is nothing to ask. */
export function searchQuery(text: string, f: SearchFilters): SearchQuery | null {
  const query: SearchQuery = { text: text.trim() };
  const set = (value: string) => (value.trim() === "" ? undefined : value.trim());
  query.claimant = set(f.claimant);
  query.outlet = set(f.outlet);
  query.verdict = set(f.verdict);
  query.tag = set(f.tag);
  query.storyline_id = set(f.storylineId);
  query.from = set(f.from);
  query.to = set(f.to);
  for (const key of Object.keys(query) as (keyof SearchQuery)[]) if (query[key] === undefined) delete query[key];
  if (query.from !== undefined || query.to !== undefined) query.date_by = f.dateBy;
  return Object.keys(query).length === 1 && query.text === "" ? null : query;
}

export class SearchState {
  readonly #app: AppState;

  text = $state("");
  filters = $state<SearchFilters>(noFilters());
  /** Whether the filter bar is shown. */
  filtersOpen = $state(false);
  results = $state<SearchResults | null>(null);
  /** The query `results` answer. */
  answered = $state<SearchQuery | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The highlighted result (an index into `items`). */
  active = $state(0);

  /** The searches the desk keeps by name (the left pane lists them). */
  saved = $state<SavedSearch[]>([]);

  /** The search box, registered by the top bar so `/` can focus it. */
  input: HTMLInputElement | null = null;

  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** What the middle pane showed before the results, for Esc. */
  #returnTo: MainView | null = null;

  constructor(app: AppState) {
    this.#app = app;
  }

  get query(): SearchQuery | null {
    return searchQuery(this.text, this.filters);
  }

  /** How many filters are set (the badge on the Filters button). */
  get filterCount(): number {
    const f = this.filters;
    return [f.claimant, f.outlet, f.verdict, f.tag, f.storylineId, f.from || f.to].filter((v) => v.trim() !== "").length;
  }

  get items(): ResultItem[] {
    const r = this.results;
    if (!r) return [];
    return [
      ...r.claims.map((hit) => ({ kind: "claim" as const, key: `claim-${hit.claim.id}`, hit })),
      ...r.appearances.map((hit) => ({ kind: "appearance" as const, key: `appearance-${hit.appearance_id}`, hit })),
      ...r.articles.map((hit) => ({ kind: "article" as const, key: `article-${hit.article_id}`, hit })),
      ...r.persons.map((hit) => ({ kind: "person" as const, key: `person-${hit.person_id}`, hit })),
    ];
  }

  get activeItem(): ResultItem | null {
    return this.items[this.active] ?? null;
  }

  // ---- the box ----

  /** `/`: shows the results view and puts the cursor in the box. */
  focus(): void {
    if (this.text !== "" || this.filterCount > 0) this.show();
    this.input?.focus();
    this.input?.select();
  }

  /** Shows the results in the middle pane, remembering what was there. */
  show(): void {
    const view = this.#app.view;
    if (view.kind === "search") return;
    this.#returnTo = view;
    this.#app.view = { kind: "search" };
  }

  /** Goes back to what the middle pane showed before the results. */
  close(): void {
    if (this.#app.view.kind !== "search") return;
    this.#app.view = this.#returnTo ?? { kind: "reader" };
    this.#returnTo = null;
  }

  /** Called as the user types; asks once typing pauses. */
  setText(text: string): void {
    this.text = text;
    this.show();
    this.schedule();
  }

  setFilter<K extends keyof SearchFilters>(key: K, value: SearchFilters[K]): void {
    if (this.filters[key] === value) return;
    this.filters[key] = value;
    this.show();
    this.schedule();
  }

  clearFilters(): void {
    this.filters = noFilters();
    this.schedule(0);
  }

  /** Esc in the box: clears the words, then (on an empty box) leaves the results. */
  escape(): void {
    if (this.text !== "") {
      this.text = "";
      this.schedule(0);
    } else {
      this.close();
      this.input?.blur();
    }
  }

  schedule(delay = SEARCH_DELAY_MS): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run();
    }, delay);
  }

  /** Asks for the current words and filters; an answer overtaken by a newer question is dropped. */
  async run(): Promise<void> {
    const seq = ++this.#seq;
    const query = this.query;
    if (query === null) {
      this.results = null;
      this.answered = null;
      this.loading = false;
      this.error = null;
      return;
    }
    this.loading = true;
    try {
      const results = await api.search(query);
      if (seq !== this.#seq) return;
      this.results = results;
      this.answered = query;
      this.error = null;
      this.active = 0;
    } catch (error) {
      if (seq !== this.#seq) return;
      this.error = api.toApiError(error).message;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  // ---- saved searches ----

  async refreshSaved(): Promise<void> {
    try {
      this.saved = await api.listSavedSearches();
    } catch (error) {
      this.#app.report(error);
    }
  }

  /** Keeps the current words and filters under `name`; true when saved. */
  async save(name: string): Promise<boolean> {
    const query = this.query;
    if (query === null) return false;
    const before = this.saved.find((s) => s.name.toLowerCase() === name.trim().replace(/\s+/g, " ").toLowerCase());
    try {
      const saved = await api.saveSearch(name, query);
      await this.refreshSaved();
      if (before && before.name === saved.name && sameQuery(before.query, saved.query)) {
        // Nothing was written, so there is nothing for Undo to take back
        // (it would take back the change before).
        this.#app.notify(`“${saved.name}” is saved already`);
      } else {
        this.#app.notify(`Saved the search “${saved.name}”`, { label: "Undo", run: () => this.#app.people.undo() });
      }
      return true;
    } catch (error) {
      this.#app.report(error);
      return false;
    }
  }

  /** Runs a saved search: its words and filters go into the box. */
  runSaved(saved: SavedSearch): void {
    this.text = saved.query.text;
    this.filters = filtersOf(saved.query);
    this.filtersOpen = this.filterCount > 0;
    this.show();
    this.schedule(0);
  }

  async deleteSaved(saved: SavedSearch): Promise<void> {
    try {
      await api.deleteSavedSearch(saved.id);
      await this.refreshSaved();
      this.#app.notify(`Deleted the saved search “${saved.name}”`, { label: "Undo", run: () => this.#app.people.undo() });
    } catch (error) {
      this.#app.report(error);
    }
  }

  /** Forgets everything (another workspace was opened). */
  reset(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#seq++;
    this.text = "";
    this.filters = noFilters();
    this.results = null;
    this.answered = null;
    this.loading = false;
    this.error = null;
    this.#returnTo = null;
    this.saved = [];
  }

  // ---- walking and opening results ----

  move(delta: number): void {
    const n = this.items.length;
    if (n === 0) return;
    this.active = Math.max(0, Math.min(n - 1, this.active + delta));
  }

  openActive(): void {
    const item = this.activeItem;
    if (item) void this.open(item);
  }

  /** Opens a result where it belongs: the article in the reader, the claim in the inspector. */
  async open(item: ResultItem): Promise<void> {
    const index = this.items.findIndex((i) => i.key === item.key);
    if (index !== -1) this.active = index;
    // The keyboard goes to what opens (j/k, M), not on typing into the box.
    this.input?.blur();
    switch (item.kind) {
      case "article":
        await this.#app.open(item.hit.article_id);
        break;
      case "claim":
        await this.#app.claims.show(item.hit.claim.id);
        break;
      case "appearance":
        await this.#app.claims.show(item.hit.claim_id, item.hit.appearance_id);
        break;
      case "person":
        // Everything they said, in time order.
        this.#app.view = { kind: "timeline", scope: { person: item.hit.person_id } };
        break;
    }
  }
}

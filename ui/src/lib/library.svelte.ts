// The library list, a page at a time: a workspace can hold 100,000 articles,
// so the list asks `list_articles_page` for the pages on screen as the person
// scrolls and keeps them, by page number, until the query or the data changes.
import { untrack } from "svelte";
import { SvelteMap } from "svelte/reactivity";
import * as api from "./api";
import type { ArticleQuery } from "./bindings/ArticleQuery";
import type { ArticleSummary } from "./bindings/ArticleSummary";
import { pageOf } from "./virtual";

/** Articles per `list_articles_page` call. */
export const PAGE_SIZE = 100;

type Page = { generation: number; rows: ArticleSummary[] };

export function sameQuery(a: ArticleQuery, b: ArticleQuery): boolean {
  return a.sort === b.sort && (a.text ?? "") === (b.text ?? "") && (a.outlet ?? null) === (b.outlet ?? null);
}

export class LibraryPages {
  /** How many articles the current query lets through, in all. */
  total = $state(0);
  /** Goes up when a new query's first page has replaced the list: the list scrolls back to the top. */
  rewound = $state(0);
  /** The pages on screen, set by the list as it scrolls: a refresh of the same query loads them again first. */
  shown: number[] = [];

  /** Loaded pages by number; pages of an older generation stay shown until their replacements arrive. */
  #pages = new SvelteMap<number, Page>();
  /** Pages being fetched for the current generation. */
  #loading = new Map<number, Promise<void>>();
  #query: ArticleQuery = { sort: "published" };
  /** Goes up with every reset: answers for an older one are dropped. */
  #generation = 0;
  /** The generation whose first page, when it arrives, brings the list back to the top. */
  #rewindAt = -1;

  /** The query the pages answer (or are being fetched for). */
  get query(): ArticleQuery {
    return this.#query;
  }

  /** The article at `index` in the list, when its page is loaded. */
  at(index: number): ArticleSummary | undefined {
    if (index < 0 || index >= this.total) return undefined;
    return this.#pages.get(pageOf(index, PAGE_SIZE))?.rows[index % PAGE_SIZE];
  }

  /** Where article `id` is in the loaded pages (trying `hint` first); -1 when it is in none. */
  indexOf(id: string | null, hint: number | null = null): number {
    if (id === null) return -1;
    if (hint !== null && this.at(hint)?.id === id) return hint;
    for (const [number, page] of this.#pages) {
      const i = page.rows.findIndex((a) => a.id === id);
      const index = number * PAGE_SIZE + i;
      if (i >= 0 && index < this.total) return index;
    }
    return -1;
  }

  /** Fetches page `number` of the current query unless it is loaded or on its way. */
  load(number: number): Promise<void> {
    return untrack(() => {
      if (number < 0 || this.#pages.get(number)?.generation === this.#generation) return Promise.resolve();
      const pending = this.#loading.get(number);
      if (pending) return pending;
      const generation = this.#generation;
      const promise = api
        .listArticlesPage(this.#query, number * PAGE_SIZE, PAGE_SIZE)
        .then((page) => {
          if (generation !== this.#generation) return;
          this.#pages.set(number, { generation, rows: page.items });
          this.total = page.total;
          if (number === 0 && this.#rewindAt === generation) {
            this.#rewindAt = -1;
            this.rewound++;
          }
        })
        .finally(() => {
          if (this.#loading.get(number) === promise) this.#loading.delete(number);
        });
      this.#loading.set(number, promise);
      return promise;
    });
  }

  /**
   * Lists `query` afresh: its first page and the pages in `keep` (those on
   * screen, when the query is the same and only the data changed) are
   * fetched, and what was shown stays until they arrive, so a refresh does
   * not blank the list. Resolves false when a later reset overtook this one;
   * rejects when the first page cannot be listed.
   */
  async reset(query: ArticleQuery, keep: number[] = []): Promise<boolean> {
    const generation = ++this.#generation;
    // Back to the top with the new rows, unless nothing was shown yet or the list stays where it is.
    const rewind = this.#pages.size > 0 && (!sameQuery(query, this.#query) || keep.length === 0);
    this.#rewindAt = rewind ? generation : -1;
    this.#query = query;
    this.#loading.clear();
    const others = Promise.allSettled(keep.filter((p) => p !== 0).map((p) => this.load(p)));
    await this.load(0);
    await others;
    if (generation !== this.#generation) return false;
    for (const [number, page] of [...this.#pages]) {
      if (page.generation !== generation) this.#pages.delete(number);
    }
    return true;
  }
}

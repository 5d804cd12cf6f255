// The library at newsroom scale: a virtualised list over `list_articles_page`,
// 10,000 fake articles, only the rows in view in the DOM, pages fetched as the
// person scrolls or moves the highlight past them, the cache dropped when the
// query or the data changes.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import App from "../../App.svelte";
import { fakeBackend } from "../../tests/backend";
import { summary } from "../../tests/fixtures";
import type { ArticleSummary } from "../bindings/ArticleSummary";
import type { ImportJobSummary } from "../bindings/ImportJobSummary";

const ROW = 73;

function many(n: number): ArticleSummary[] {
  return Array.from({ length: n }, (_, i) => summary({ id: `a${i}`, title: `Article number ${i}`, outlet: "Wire" }));
}

function rowIndexes(): number[] {
  return screen.queryAllByTestId("library-item").map((r) => Number(r.dataset.index));
}

function scroller(): HTMLElement {
  return screen.getByTestId("library-scroll");
}

async function scrollTo(top: number) {
  const el = scroller();
  el.scrollTop = top;
  await fireEvent.scroll(el);
}

function pagesAsked(backend: ReturnType<typeof fakeBackend>): number[] {
  return backend.callsTo("list_articles_page").map((a) => (a.offset as number) / (a.limit as number));
}

describe("library at scale", () => {
  test("10,000 articles: the count is the total, the DOM holds only the rows in view, page 0 only is asked for", async () => {
    const backend = fakeBackend(many(10_000));
    render(App);
    await screen.findAllByTestId("library-item");

    expect(screen.getByTestId("library-count").textContent).toBe("10,000 articles");
    const rows = screen.getAllByTestId("library-item");
    expect(rows.length, "far fewer rows than articles").toBeLessThan(100);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0].textContent).toContain("Article number 0");
    const list = screen.getByRole("listbox", { name: "Articles" });
    expect(list.style.height, "the list is as tall as every row, for the scrollbar").toBe(`${4 + 10_000 * ROW + 12}px`);
    expect(rows[0].getAttribute("aria-setsize")).toBe("10000");
    expect(backend.lastCallTo("list_articles_page")).toEqual({ query: { sort: "published" }, offset: 0, limit: 100 });
    expect(new Set(pagesAsked(backend)), "no page but the first").toEqual(new Set([0]));
  });

  test("scrolling deep fetches the page in view and shows its rows, and scrolling back uses the cache", async () => {
    const backend = fakeBackend(many(10_000));
    render(App);
    await screen.findAllByTestId("library-item");

    await scrollTo(5_000 * ROW);
    await waitFor(() => expect(rowIndexes()).toContain(5_000));
    expect(pagesAsked(backend), "page 50 holds rows 5,000 to 5,099").toContain(50);
    const row = screen.getAllByTestId("library-item").find((r) => r.dataset.index === "5000")!;
    expect(row.dataset.articleId).toBe("a5000");
    expect(row.textContent).toContain("Article number 5000");
    expect(row.style.top).toBe(`${4 + 5_000 * ROW}px`);
    expect(screen.getAllByTestId("library-item").length).toBeLessThan(100);
    expect(rowIndexes().some((i) => i < 4_900), "the top rows left the DOM").toBe(false);

    const asked = backend.callsTo("list_articles_page").length;
    await scrollTo(0);
    await waitFor(() => expect(rowIndexes()).toContain(0));
    await scrollTo(5_000 * ROW);
    await waitFor(() => expect(rowIndexes()).toContain(5_000));
    expect(backend.callsTo("list_articles_page").length, "pages already fetched are not asked for again").toBe(asked);
  });

  test("placeholder rows stand in while a page loads", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const all = many(1_000);
    fakeBackend(all, {
      list_articles_page: async (args) => {
        const offset = args.offset as number;
        if (offset > 0) await gate;
        return { total: all.length, offset, items: all.slice(offset, offset + (args.limit as number)) };
      },
    });
    render(App);
    await screen.findAllByTestId("library-item");

    await scrollTo(500 * ROW);
    await waitFor(() => expect(screen.getAllByTestId("library-placeholder").length).toBeGreaterThan(5));
    expect(screen.queryAllByTestId("library-item"), "nothing from page 0 is in view").toHaveLength(0);
    release();
    await waitFor(() => expect(rowIndexes()).toContain(500));
    expect(screen.queryAllByTestId("library-placeholder")).toHaveLength(0);
  });

  test("End highlights the last article past every loaded page and scrolls to it; Home comes back", async () => {
    const backend = fakeBackend(many(10_000));
    render(App);
    await screen.findAllByTestId("library-item");
    const list = screen.getByRole("listbox", { name: "Articles" });

    await fireEvent.keyDown(list, { key: "End" });
    await waitFor(() => {
      const last = screen.getAllByTestId("library-item").find((r) => r.dataset.index === "9999");
      expect(last?.getAttribute("aria-selected")).toBe("true");
    });
    expect(pagesAsked(backend)).toContain(99);
    expect(scroller().scrollTop, "scrolled so the last row is in view").toBeGreaterThan(9_990 * ROW - 600);
    expect(list.getAttribute("aria-activedescendant")).toBe("article-row-9999");

    await fireEvent.keyDown(list, { key: "ArrowUp" });
    await waitFor(() =>
      expect(screen.getAllByTestId("library-item").find((r) => r.dataset.index === "9998")?.getAttribute("aria-selected")).toBe(
        "true",
      ),
    );

    await fireEvent.keyDown(list, { key: "Enter" });
    expect((await screen.findByTestId("reader-title")).textContent).toBe("Article number 9998");

    await fireEvent.keyDown(list, { key: "Home" });
    await waitFor(() => expect(scroller().scrollTop).toBe(0));
    const first = screen.getAllByTestId("library-item").find((r) => r.dataset.index === "0")!;
    expect(first.getAttribute("aria-selected")).toBe("true");
    expect(first.classList.contains("open"), "the open article is still the one read").toBe(false);
  });

  test("pressing a row deep in the list opens it, without the focus first jumping to the top", async () => {
    fakeBackend(many(2_000));
    render(App);
    await screen.findAllByTestId("library-item");
    await scrollTo(1_990 * ROW);
    await waitFor(() => expect(rowIndexes()).toContain(1_999));
    const row = screen.getAllByTestId("library-item").find((r) => r.dataset.index === "1999")!;

    // A mouse press focuses the listbox before the click.
    await fireEvent.pointerDown(row);
    screen.getByRole("listbox", { name: "Articles" }).focus();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(scroller().scrollTop, "the focus did not highlight (and scroll to) the first row").toBe(1_990 * ROW);
    await fireEvent.click(row);
    expect((await screen.findByTestId("reader-title")).textContent).toBe("Article number 1999");
    expect(row.getAttribute("aria-selected")).toBe("true");
  });

  test("moving the highlight down row by row crosses into the next page", async () => {
    const backend = fakeBackend(many(300));
    render(App);
    await screen.findAllByTestId("library-item");
    const list = screen.getByRole("listbox", { name: "Articles" });

    await scrollTo(95 * ROW);
    await waitFor(() => expect(rowIndexes()).toContain(99));
    const row99 = screen.getAllByTestId("library-item").find((r) => r.dataset.index === "99")!;
    await fireEvent.click(row99);
    await screen.findByTestId("reader-title");
    for (let i = 0; i < 3; i++) await fireEvent.keyDown(list, { key: "j" });
    await waitFor(() =>
      expect(screen.getAllByTestId("library-item").find((r) => r.dataset.index === "102")?.getAttribute("aria-selected")).toBe(
        "true",
      ),
    );
    expect(pagesAsked(backend)).toContain(1);
  });

  test("a new filter drops the cache and starts at the top; an import keeps the place and reloads the pages in view", async () => {
    const all = many(10_000);
    const backend = fakeBackend(all, {
      library: (args) => {
        const text = (args.query as { text?: string }).text;
        return text ? all.filter((a) => a.title.endsWith(text)) : all;
      },
    });
    render(App);
    await screen.findAllByTestId("library-item");

    await scrollTo(3_000 * ROW);
    await waitFor(() => expect(rowIndexes()).toContain(3_000));

    // An import ends: the same query again, the pages on screen reloaded, the scroll kept.
    const before = backend.callsTo("list_articles_page").length;
    const finished: ImportJobSummary = { job_id: "j", cancelled: false, outcomes: [], error: null };
    await backend.emit("import-finished", finished);
    await waitFor(() => expect(backend.callsTo("list_articles_page").length).toBeGreaterThan(before));
    const reloaded = pagesAsked(backend).slice(before);
    expect(reloaded, "page 0 for the total and page 30 on screen").toEqual(expect.arrayContaining([0, 30]));
    expect(scroller().scrollTop).toBe(3_000 * ROW);
    expect(rowIndexes()).toContain(3_000);

    // A filter: a new list, from the top.
    await fireEvent.input(screen.getByTestId("library-filter"), { target: { value: "99" } });
    await waitFor(() => expect(screen.getByTestId("library-count").textContent).toBe("100 articles match"));
    expect(backend.lastCallTo("list_articles_page")).toEqual({ query: { sort: "published", text: "99" }, offset: 0, limit: 100 });
    expect(scroller().scrollTop).toBe(0);
    const rows = screen.getAllByTestId("library-item");
    expect(rows[0].textContent).toContain("Article number 99");
    expect(rows[1].textContent).toContain("Article number 199");
  });
});

// The reader: paragraphs as text (never markup), times as given and local,
// revisions and the word diff.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Reader from "./Reader.svelte";
import Inspector from "./Inspector.svelte";
import { AppState, appContext } from "../app.svelte";
import { detail } from "../../tests/fixtures";
import { fakeBackend } from "../../tests/backend";
import type { ArticleDetail } from "../bindings/ArticleDetail";
import type { RevisionDiff } from "../bindings/RevisionDiff";

function showArticle(article: ArticleDetail) {
  const app = new AppState();
  app.article = article;
  render(Reader, { context: appContext(app) });
  return app;
}

describe("reader body", () => {
  test("splits the body on blank lines into one <p> per paragraph", () => {
    showArticle(detail({ body: "First paragraph.\n\nSecond one,\nwith a line break.\n\n\n\nThird." }));
    const paragraphs = screen.getByTestId("reader-body").querySelectorAll("p");
    expect([...paragraphs].map((p) => p.textContent)).toEqual([
      "First paragraph.",
      "Second one,\nwith a line break.",
      "Third.",
    ]);
  });

  test("markup in imported text is shown as literal text and creates no element", () => {
    const hostile = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">';
    showArticle(detail({ body: hostile, title: "<b>bold</b> title", byline: "<i>By</i> someone" }));
    const body = screen.getByTestId("reader-body");

    expect([...body.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(2)">',
    ]);
    expect(document.querySelector("script"), "no script element anywhere").toBeNull();
    expect(document.querySelector("img"), "no img element anywhere").toBeNull();
    expect(body.querySelectorAll("p").length, "two paragraphs").toBe(2);
    expect(
      [...body.querySelectorAll("*")].every((el) => (el.tagName === "P" || el.tagName === "SPAN") && el.children.length === (el.tagName === "P" ? el.childElementCount : 0)),
      "only paragraphs and the text segments the reader makes itself are elements",
    ).toBe(true);
    expect(screen.getByTestId("reader-title").textContent).toBe("<b>bold</b> title");
    expect(screen.getByTestId("reader-title").querySelector("b")).toBeNull();
    expect(screen.getByTestId("reader-byline").querySelector("i")).toBeNull();
  });
});

describe("reader metadata", () => {
  test("a zoned time shows as given with its offset and in local time", () => {
    showArticle(detail({ published_at: "2025-12-15T02:37:00+05:30", updated_at: "2025-12-15T14:46:00Z" }));
    const published = screen.getByTestId("reader-published").textContent!;
    expect(published).toContain("15 Dec 2025, 02:37 (UTC+05:30)");
    expect(published, "Berlin is UTC+1 in December").toContain("14 Dec 2025, 22:07 your time");
    const updated = screen.getByTestId("reader-updated").textContent!;
    expect(updated).toContain("15 Dec 2025, 14:46 (UTC)");
    expect(updated).toContain("15 Dec 2025, 15:46 your time");
  });

  test("a floating time says no zone was stated and invents no local time", () => {
    showArticle(detail({ published_at: "2025-12-15T14:46:00", updated_at: null }));
    const published = screen.getByTestId("reader-published").textContent!;
    expect(published).toContain("15 Dec 2025, 14:46 (time zone not stated)");
    expect(published).not.toContain("your time");
    expect(screen.queryByTestId("reader-updated")).toBeNull();
  });

  test("shows outlet, byline, wire credit only when it differs, dateline and the URL as text", () => {
    showArticle(detail({ outlet: "ThePrint", wire_credit: "ANI", byline: "Staff", dateline: "Kyiv, Ukraine" }));
    expect(screen.getByTestId("reader-outlet").textContent).toBe("ThePrint");
    expect(screen.getByText("via ANI")).toBeTruthy();
    expect(screen.getByTestId("reader-byline").textContent).toBe("By Staff");
    expect(screen.getByTestId("reader-dateline").textContent).toBe("Kyiv, Ukraine");
    const url = screen.getByTestId("reader-url");
    expect(url.textContent).toBe("https://www.aninews.in/news/world/europe/zelenskyy-nato-guarantees");
    expect(url.closest("a"), "no link: the app has no opener").toBeNull();
  });

  test("a byline that only repeats the outlet is not shown twice", () => {
    showArticle(detail({ outlet: "ANI", byline: "ANI" }));
    expect(screen.queryByTestId("reader-byline"), "agency copy bylined to the agency names it once").toBeNull();
  });

  test("a wire credit equal to the outlet is not repeated", () => {
    showArticle(detail({ outlet: "ANI", wire_credit: "ANI" }));
    expect(screen.queryByText(/via ANI/)).toBeNull();
  });
});

describe("revisions", () => {
  const twoRevisions = (shown: number): ArticleDetail =>
    detail({
      id: "a1",
      revision: 2,
      shown_revision: shown,
      title: "New title",
      body: shown === 2 ? "The president said binding guarantees." : "The president said guarantees.",
      revisions: [
        { id: "r1", number: 1, title: "Old title", imported_at: "2025-12-15T09:00:00Z", published_at: null, updated_at: null, word_count: 4 },
        { id: "r2", number: 2, title: "New title", imported_at: "2025-12-15T11:00:00Z", published_at: null, updated_at: null, word_count: 5 },
      ],
    });

  const diff: RevisionDiff = {
    from: 1,
    to: 2,
    title_changed: true,
    segments: [
      { op: "equal", text: "The president said " },
      { op: "delete", text: "<b>some</b> " },
      { op: "insert", text: "binding " },
      { op: "equal", text: "guarantees." },
    ],
  };

  test("Show changes asks for the diff from the previous revision and renders ins/del as text", async () => {
    const backend = fakeBackend([], { revision_diff: () => diff });
    showArticle(twoRevisions(2));

    await fireEvent.click(screen.getByTestId("show-changes"));
    const view = await screen.findByTestId("diff-view");
    expect(backend.callsTo("revision_diff")).toEqual([{ id: "a1", from: 1, to: 2 }]);

    const text = view.querySelector(".text")!;
    expect([...text.querySelectorAll("ins")].map((e) => e.textContent)).toEqual(["binding "]);
    expect([...text.querySelectorAll("del")].map((e) => e.textContent)).toEqual(["<b>some</b> "]);
    expect(text.querySelector("b"), "deleted markup stays text").toBeNull();
    expect(text.textContent).toBe("The president said <b>some</b> binding guarantees.");
    expect(view.textContent).toContain("Title changed");
    expect(screen.queryByTestId("reader-body"), "the diff replaces the body").toBeNull();

    await fireEvent.click(screen.getByTestId("show-changes"));
    expect(screen.queryByTestId("diff-view")).toBeNull();
    expect(screen.getByTestId("reader-body").textContent).toContain("binding guarantees");
  });

  test("the revision switcher loads the chosen revision", async () => {
    const backend = fakeBackend([], { get_article: (args) => twoRevisions(args.revision as number) });
    const app = showArticle(twoRevisions(2));

    const select = screen.getByTestId("revision-select") as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(["1", "2"]);
    await fireEvent.change(select, { target: { value: "1" } });

    await waitFor(() => expect(app.article?.shown_revision).toBe(1));
    expect(backend.callsTo("get_article")).toEqual([{ id: "a1", revision: 1 }]);
    expect(screen.getByTestId("reader-title").textContent, "the title of the revision shown").toBe("Old title");
    expect(screen.getByText(/You are reading revision 1; the latest is revision 2/)).toBeTruthy();
    expect((screen.getByTestId("show-changes") as HTMLInputElement).disabled, "revision 1 has nothing before it").toBe(
      true,
    );
  });

  test("no revision switcher for a single revision", () => {
    showArticle(detail());
    expect(screen.queryByTestId("revision-select")).toBeNull();
    expect(screen.queryByTestId("show-changes")).toBeNull();
  });
});

describe("inspector", () => {
  test("shows the source, relays as text and keeps boilerplate collapsed", () => {
    const app = new AppState();
    app.article = detail({ boilerplate: ["<script>x</script> Subscribe now"] });
    render(Inspector, { context: appContext(app) });
    const inspector = screen.getByTestId("inspector");

    expect(inspector.textContent).toContain("pasted");
    expect(inspector.textContent).toContain("utf-8");
    expect(inspector.textContent).toMatch(/Al Jazeera — “Al Jazeera reported”/);
    const details = inspector.querySelector("details")!;
    expect(details.open, "boilerplate starts collapsed").toBe(false);
    expect(details.textContent).toContain("<script>x</script> Subscribe now");
    expect(inspector.querySelector("script")).toBeNull();
  });
});

describe("correcting the article's details", () => {
  test("Edit details sends only what changed, and the reader says what was corrected", async () => {
    const article = detail({ byline: "ANI", published_at: null });
    const backend = fakeBackend([article]);
    const app = new AppState();
    app.article = article;
    render(Reader, { context: appContext(app) });
    await fireEvent.click(screen.getByTestId("details-edit"));
    expect(app.dialog).toBe("article-details");

    const { default: ArticleDetailsDialog } = await import("./ArticleDetailsDialog.svelte");
    render(ArticleDetailsDialog, { context: appContext(app), props: { onclose: () => (app.dialog = null) } });
    expect(screen.getByTestId("details-save")).toHaveProperty("disabled", true);
    await fireEvent.input(screen.getByTestId("details-byline"), { target: { value: "Jane Doe, Piotr Nowak" } });
    await fireEvent.input(screen.getByTestId("details-published_at"), { target: { value: "2025-12-15" } });
    expect(screen.getByTestId("details-published-preview").textContent, "a date is shown as a date").toBe("15 Dec 2025");
    await fireEvent.click(screen.getByTestId("details-save"));
    await waitFor(() => expect(app.dialog).toBe(null));
    const call = backend.calls.find((c) => c.cmd === "correct_article")!;
    expect(call.args).toEqual({
      id: article.id,
      correction: { title: null, byline: "Jane Doe, Piotr Nowak", published_at: "2025-12-15", dateline: null, outlet: null, reset: [] },
    });
    await waitFor(() => expect(screen.getByTestId("reader-corrected").textContent).toContain("byline, published time"));
  });

  test("a refused correction keeps the dialog open with the reason", async () => {
    const article = detail();
    fakeBackend([article], {
      correct_article: () => {
        throw { code: "invalid_input", message: "“soon” is not a time Claimtrail can read.", field: "published_at" };
      },
    });
    const app = new AppState();
    app.article = article;
    app.dialog = "article-details";
    const { default: ArticleDetailsDialog } = await import("./ArticleDetailsDialog.svelte");
    render(ArticleDetailsDialog, { context: appContext(app), props: { onclose: () => (app.dialog = null) } });
    await fireEvent.input(screen.getByTestId("details-published_at"), { target: { value: "soon" } });
    await fireEvent.click(screen.getByTestId("details-save"));
    await waitFor(() => expect(screen.getByTestId("details-error").textContent).toContain("not a time"));
    expect(app.dialog).toBe("article-details");
    expect(screen.getByTestId("details-published_at").getAttribute("aria-invalid")).toBe("true");
  });
});

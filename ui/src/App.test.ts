// The whole window against a fake shell: library, filter, shortcuts, dialogs,
// batch imports and errors, through the real api module and Tauri's IPC mock.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "./App.svelte";
import { fakeBackend } from "./tests/backend";
import { claim, detail, matchHit, summary } from "./tests/fixtures";
import type { ImportProgress } from "./lib/bindings/ImportProgress";
import type { ImportJobSummary } from "./lib/bindings/ImportJobSummary";

const twoArticles = [
  summary({ id: "a1", title: "Zelenskyy offers to drop NATO bid", outlet: "ANI" }),
  summary({ id: "a2", title: "Kremlin responds to Berlin talks", outlet: "Reuters", revision: 2 }),
];

describe("library", () => {
  test("renders one row per article from the first page, with outlet, date and revision badge", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);

    const rows = await screen.findAllByTestId("library-item");
    expect(rows.map((r) => r.dataset.articleId), "rows follow the order the page returned").toEqual(["a1", "a2"]);
    expect(rows[0].textContent).toContain("Zelenskyy offers to drop NATO bid");
    expect(rows[0].textContent, "02:37 +05:30 on 15 Dec is still 14 Dec in Berlin").toContain("ANI · 14 Dec 2025");
    expect(rows[0].textContent, "a first revision carries no badge").not.toContain("rev");
    expect(rows[1].textContent, "a revised article shows its revision").toContain("rev 2");
    expect(backend.callsTo("list_articles_page")[0], "the first page, in the default sort").toEqual({
      query: { sort: "published" },
      offset: 0,
      limit: 100,
    });
    expect(backend.callsTo("list_articles_page"), "two articles are one page, asked for once").toHaveLength(1);
    expect(screen.queryByTestId("empty-library")).toBeNull();
    expect(await screen.findByText("Select an article to read it")).toBeTruthy();
  });

  test("shows the guiding empty state when the workspace has no articles", async () => {
    fakeBackend([]);
    render(App);

    const empty = await screen.findByTestId("empty-library");
    expect(empty.textContent).toContain("Import files…");
    expect(empty.textContent).toContain("Paste article…");
    expect(empty.textContent).toContain("From URL…");
    expect(empty.textContent).toContain("or drag files here");
    expect(screen.queryAllByTestId("library-item")).toHaveLength(0);
  });

  test("typing in the filter asks the library for that text, and no result offers to clear it", async () => {
    const backend = fakeBackend(twoArticles, {
      library: (args) => ((args.query as { text?: string }).text ? [] : twoArticles),
    });
    render(App);
    await screen.findAllByTestId("library-item");

    await fireEvent.input(screen.getByTestId("library-filter"), { target: { value: "xyz" } });

    await waitFor(() =>
      expect(backend.lastCallTo("list_articles_page"), "the filter text goes into ArticleQuery.text").toEqual({
        query: { sort: "published", text: "xyz" },
        offset: 0,
        limit: 100,
      }),
    );
    await screen.findByText("No articles match “xyz”");
    expect(screen.queryByTestId("empty-library"), "a filtered-out library is not an empty one").toBeNull();

    await fireEvent.click(screen.getByRole("button", { name: "Clear filter" }));
    await waitFor(() => expect(screen.getAllByTestId("library-item")).toHaveLength(2));
    expect(backend.lastCallTo("library")).toEqual({ query: { sort: "published" } });
  });

  test("sort and outlet filters go into the query", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");

    await fireEvent.click(within(screen.getByTestId("library-sort")).getByRole("radio", { name: "Imported" }));
    await waitFor(() => expect(backend.lastCallTo("library")).toEqual({ query: { sort: "imported" } }));

    const outlet = screen.getByTestId("outlet-filter") as HTMLSelectElement;
    await waitFor(() => expect(outlet.options.length).toBe(3));
    expect(outlet.options[1].textContent).toBe("ANI (1)");
    await fireEvent.change(outlet, { target: { value: "Reuters" } });
    await waitFor(() =>
      expect(backend.lastCallTo("library")).toEqual({ query: { sort: "imported", outlet: "Reuters" } }),
    );
  });

  test("j/k and the arrow keys move the highlight, Enter opens the article", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);
    const rows = await screen.findAllByTestId("library-item");

    await fireEvent.keyDown(document.body, { key: "j" });
    expect(rows[0].getAttribute("aria-selected")).toBe("true");
    const list = screen.getByRole("listbox", { name: "Articles" });
    await fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(rows[1].getAttribute("aria-selected")).toBe("true");
    expect(backend.callsTo("get_article"), "moving the highlight does not open").toHaveLength(0);

    await fireEvent.keyDown(list, { key: "Enter" });
    expect((await screen.findByTestId("reader-title")).textContent).toBe("Kremlin responds to Berlin talks");
    expect(backend.callsTo("get_article")).toEqual([{ id: "a2", revision: null }]);

    await fireEvent.keyDown(list, { key: "k" });
    expect(rows[0].getAttribute("aria-selected")).toBe("true");
  });
});

describe("shortcuts", () => {
  test("Ctrl+F focuses the filter and Esc clears it; / is the search box's", async () => {
    fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    const filter = screen.getByTestId("library-filter") as HTMLInputElement;

    await fireEvent.keyDown(document.body, { key: "/" });
    expect(document.activeElement, "/ goes to the search box in the top bar").toBe(screen.getByTestId("search-input"));
    await fireEvent.keyDown(document.body, { key: "f", ctrlKey: true });
    expect(document.activeElement).toBe(filter);

    await fireEvent.input(filter, { target: { value: "kyiv" } });
    await fireEvent.keyDown(filter, { key: "Escape" });
    expect(filter.value).toBe("");
  });

  test("Ctrl+F focuses the filter", async () => {
    fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.keyDown(document.body, { key: "f", ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByTestId("library-filter"));
  });

  test("Ctrl+Shift+V opens the paste dialog with the focus in its text box; Esc closes it and restores focus", async () => {
    fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    const opener = screen.getByTestId("paste-button");
    opener.focus();

    await fireEvent.keyDown(document.body, { key: "V", ctrlKey: true, shiftKey: true });
    const dialog = await screen.findByRole("dialog", { name: "Paste article" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.activeElement).toBe(screen.getByTestId("paste-textarea"));

    await fireEvent.keyDown(screen.getByTestId("paste-textarea"), { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement, "focus returns to where it was").toBe(opener);
  });

  test("? opens the shortcuts list, but not while typing in the filter", async () => {
    fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");

    await fireEvent.keyDown(screen.getByTestId("library-filter"), { key: "?" });
    expect(screen.queryByRole("dialog")).toBeNull();

    await fireEvent.keyDown(document.body, { key: "?" });
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog.textContent).toContain("Ctrl+Shift+V");
  });

  test("the Help button leads to About: the version, where things are kept, the components by licence", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.click(screen.getByTestId("help-button"));
    await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    await fireEvent.click(screen.getByTestId("open-about"));
    const about = await screen.findByRole("dialog", { name: "About Claimtrail" });
    await waitFor(() => expect(within(about).getByTestId("about-version").textContent).toBe("0.1.0"));
    expect(backend.callsTo("about")).toHaveLength(1);
    const places = within(about).getByTestId("about-places").textContent ?? "";
    expect(places).toContain("workspace-backups");
    expect(places).toContain("workspace-keys");
    expect(places).toContain("/logs");
    const components = within(about).getByTestId("about-components").textContent ?? "";
    expect(components).toContain("Apache-2.0 OR MIT");
    expect(components).toContain("tauri 2.12.5");
    expect(about.textContent).toContain("AGPL-3.0-or-later");
  });

  test("help shows where the log is when no file manager could open its folder", async () => {
    const backend = fakeBackend(twoArticles, {
      open_log_folder: () => ({ path: "/home/dana/.local/state/claimtrail/logs", opened: false }),
    });
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.keyDown(document.body, { key: "?" });
    await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(screen.queryByTestId("log-folder-path"), "nothing until asked").toBeNull();
    await fireEvent.click(screen.getByTestId("open-log-folder"));
    const where = await screen.findByTestId("log-folder-path");
    expect(backend.callsTo("open_log_folder")).toHaveLength(1);
    expect(where.textContent).toContain("The log is in /home/dana/.local/state/claimtrail/logs");
  });

  test("Ctrl+O starts a file import and Ctrl+L opens the URL dialog", async () => {
    const backend = fakeBackend(twoArticles, { import_files: () => null });
    render(App);
    await screen.findAllByTestId("library-item");

    await fireEvent.keyDown(document.body, { key: "o", ctrlKey: true });
    await waitFor(() => expect(backend.callsTo("import_files")).toHaveLength(1));

    await fireEvent.keyDown(document.body, { key: "l", ctrlKey: true });
    expect(await screen.findByRole("dialog", { name: "Import from URL" })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("url-input"));
  });
});

describe("single imports", () => {
  test("the paste dialog sends the text to import_text and shows why it was rejected", async () => {
    const backend = fakeBackend(twoArticles, {
      import_text: () => ({ input: "pasted", status: "rejected", reason: "The text has no headline." }),
    });
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.click(screen.getByTestId("paste-button"));

    const textarea = await screen.findByTestId("paste-textarea");
    await fireEvent.input(textarea, { target: { value: "just some words" } });
    await fireEvent.click(screen.getByTestId("paste-submit"));

    await waitFor(() =>
      expect(screen.getByTestId("paste-outcome").textContent).toContain("Not imported: The text has no headline."),
    );
    expect(backend.callsTo("import_text")).toEqual([{ text: "just some words" }]);
    expect((textarea as HTMLTextAreaElement).value, "a rejected text stays so it can be fixed").toBe("just some words");
  });

  test("Ctrl+Enter imports the pasted text, and a success opens the article", async () => {
    const pasted = summary({ id: "a3", title: "Pasted story" });
    const library = [...twoArticles];
    const backend = fakeBackend(library, {
      import_text: () => {
        library.push(pasted);
        return { input: "pasted", status: "imported", article: pasted };
      },
    });
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.keyDown(document.body, { key: "V", ctrlKey: true, shiftKey: true });
    const textarea = await screen.findByTestId("paste-textarea");
    await fireEvent.input(textarea, { target: { value: "Pasted story\n\nBody" } });
    await fireEvent.keyDown(textarea, { key: "Enter", ctrlKey: true });

    await waitFor(() => expect(screen.getByTestId("paste-outcome").textContent).toContain("Imported “Pasted story”."));
    await waitFor(() => expect(screen.getByTestId("reader-title").textContent).toBe("Pasted story"));
    expect(backend.lastCallTo("get_article")).toEqual({ id: "a3", revision: null });
    expect(screen.getAllByTestId("library-item")).toHaveLength(3);
  });

  test("the URL dialog shows a command error inline", async () => {
    fakeBackend(twoArticles, {
      import_url: () => Promise.reject({ code: "import", message: "The page could not be fetched (HTTP 404)." }),
    });
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.click(screen.getByTestId("url-button"));
    await fireEvent.input(await screen.findByTestId("url-input"), { target: { value: "https://example.org/x" } });
    await fireEvent.click(screen.getByTestId("url-submit"));

    await screen.findByText("The page could not be fetched (HTTP 404).");
    expect(screen.queryByTestId("error-banner"), "the dialog shows it; no second copy as a toast").toBeNull();
  });
});

describe("batch imports", () => {
  test("a job that finishes before its command answers does not come back as running", async () => {
    let finishFirst: (() => Promise<void>) | null = null;
    const backend = fakeBackend(twoArticles, {
      import_files: async () => {
        // The shell finishes a one-file job before the command's answer.
        await finishFirst?.();
        return { job_id: "quick", total: 1 };
      },
    });
    finishFirst = () =>
      backend.emit("import-finished", {
        job_id: "quick",
        cancelled: false,
        outcomes: [{ input: "/a/one.txt", status: "imported", article: twoArticles[0] }],
        error: null,
      } satisfies ImportJobSummary);
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.click(screen.getByTestId("import-files-button"));
    await screen.findByTestId("import-results");
    await waitFor(() => expect(backend.callsTo("import_files").length).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("import-progress"), "no progress bar for a finished job").toBeNull();
  });

  test("a workspace failure stops the batch and says why", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    await backend.emit("import-finished", {
      job_id: "job-9",
      cancelled: false,
      outcomes: [{ input: "/a/one.txt", status: "rejected", reason: "Workspace error: disk full" }],
      error: "The workspace could not be written, so the import stopped: disk full",
    } satisfies ImportJobSummary);
    const alert = await screen.findByTestId("import-error");
    expect(alert.textContent).toContain("could not be written");
    expect(screen.getByTestId("import-results").textContent).toContain("Import stopped");
  });

  test("an import result and the library say how many tracked claims reappear, and lead to them", async () => {
    const flagged = { ...twoArticles[0], reappearing_claims: 3 };
    const backend = fakeBackend([flagged, twoArticles[1]], { get_article: () => detail({ ...flagged }) });
    render(App);
    const rows = await screen.findAllByTestId("library-item");
    expect(within(rows[0]).getByTestId("library-reappearing").textContent).toBe("3 tracked");
    expect(within(rows[1]).queryByTestId("library-reappearing")).toBeNull();
    await backend.emit("import-finished", {
      job_id: "job-3",
      cancelled: false,
      outcomes: [{ input: "/a/one.txt", status: "imported", article: flagged, reappearing_claims: 3 }],
      error: null,
    } satisfies ImportJobSummary);
    const link = await screen.findByTestId("import-reappearing");
    expect(link.textContent).toBe("3 tracked claims reappear here");
    await fireEvent.click(link);
    await waitFor(() => expect(screen.getByTestId("suggestions-panel")).toBeTruthy());
  });

  test("New appearances lists tracked claims found across the workspace; Accept and Not the same decide them", async () => {
    const found = (id: string, article_id: string) => ({
      ...matchHit({ article_id, article_title: `Story ${article_id}`, match: "near" as const, verbatim: false, similarity: 0.9 }),
      id,
      found_at: "2025-12-16T09:00:00Z",
      claim: { id: "c1", statement: "Ukraine could drop its NATO bid", claimant: "Volodymyr Zelenskyy", review_state: "unreviewed", verdict: null, appearances: 1, first_stated_at: null },
    });
    let waiting = [found("re1", "a1"), found("re2", "a2")];
    const backend = fakeBackend(twoArticles, {
      list_reappearances: (args) => (args.articleId ? waiting.filter((r) => r.article_id === args.articleId) : waiting),
      accept_reappearance: (args) => {
        waiting = waiting.filter((r) => r.id !== args.id);
        return claim({ id: "c1" });
      },
      dismiss_reappearance: (args) => {
        waiting = waiting.filter((r) => r.id !== args.id);
        return null;
      },
    });
    render(App);
    await waitFor(() => expect(screen.getByTestId("queue-count-reappearances").textContent).toBe("2"));
    await fireEvent.click(screen.getByTestId("queue-reappearances"));
    const groups = await screen.findAllByTestId("reappearance-group");
    expect(groups.map((g) => g.textContent!.includes("Story a1"))).toEqual([true, false]);
    expect(groups[0].textContent).toContain("Near copy");
    await fireEvent.click(within(groups[0]).getByTestId("reappearances-accept"));
    await waitFor(() => expect(backend.callsTo("accept_reappearance")).toEqual([{ id: "re1" }]));
    await waitFor(() => expect(screen.getAllByTestId("reappearance-group")).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("reappearances-dismiss"));
    await waitFor(() => expect(backend.callsTo("dismiss_reappearance")).toEqual([{ id: "re2" }]));
    expect(await screen.findByTestId("reappearances-empty")).toBeTruthy();
    expect(screen.getByTestId("queue-count-reappearances").textContent).toBe("0");
  });

  test("the background reading for matching by meaning shows its progress at the bottom, and goes when it is done", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    expect(screen.queryByTestId("embedding-progress")).toBeNull();
    await backend.emit("embedding-progress", { done: 0, total: 40 });
    const bar = await screen.findByTestId("embedding-progress");
    expect(bar.textContent).toContain("Reading statements for matching by meaning: 0 of 40 articles");
    await backend.emit("embedding-progress", { done: 16, total: 40 });
    await waitFor(() => expect(bar.querySelector("progress")?.value).toBe(16));
    expect(screen.queryByTestId("import-cancel"), "nothing to cancel: it never holds up an import").toBeNull();
    await backend.emit("embedding-finished", { articles: 40, statements: 210, seconds: 12.5, waiting: 0, reappearing: 0 });
    await waitFor(() => expect(screen.queryByTestId("embedding-progress")).toBeNull());
  });

  test("tracked claims found by meaning after the background reading are announced, and Show opens New appearances", async () => {
    let waiting: unknown[] = [];
    const backend = fakeBackend(twoArticles, { list_reappearances: () => waiting });
    render(App);
    await waitFor(() => expect(screen.getByTestId("queue-count-reappearances").textContent).toBe("0"));
    waiting = [
      {
        ...matchHit({ article_id: "a2", article_title: "Story a2", match: "translation" as const, verbatim: false, similarity: 0.88 }),
        id: "re1",
        found_at: "2025-12-16T09:00:00Z",
        claim: { id: "c1", statement: "Ukraine could drop its NATO bid", claimant: "Volodymyr Zelenskyy", review_state: "unreviewed", verdict: null, appearances: 1, first_stated_at: null },
      },
    ];
    await backend.emit("embedding-finished", { articles: 2, statements: 9, seconds: 0.4, waiting: 0, reappearing: 1 });
    const notice = await screen.findByText("Tracked claims are said again in other words in 1 article");
    expect(notice).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("queue-count-reappearances").textContent).toBe("1"));
    await fireEvent.click(screen.getByRole("button", { name: "Show" }));
    const groups = await screen.findAllByTestId("reappearance-group");
    expect(groups[0].textContent).toContain("Translation");
  });

  test("progress events move the bar, and the finished event lists each input with counts", async () => {
    const backend = fakeBackend(twoArticles, { cancel_import: () => null });
    render(App);
    await screen.findAllByTestId("library-item");

    await backend.emit("import-started", { job_id: "job-1", total: 4 });
    const bar = await screen.findByTestId("import-progress");
    expect(bar.textContent).toContain("Importing 0 of 4");

    const progress: ImportProgress = {
      job_id: "job-1",
      done: 2,
      total: 4,
      outcome: { input: "/home/r/articles/reuters-berlin.html", status: "imported", article: twoArticles[1] },
      next: "/home/r/articles/ap-kyiv.txt",
    };
    await backend.emit("import-progress", progress);
    await waitFor(() => expect(bar.textContent).toContain("Importing 2 of 4"));
    expect(bar.querySelector("progress")?.value).toBe(2);
    expect(bar.querySelector("progress")?.max).toBe(4);
    expect(bar.textContent, "the input being imported now, by file name, not its whole path").toContain("ap-kyiv.txt");
    await backend.emit("import-progress", { ...progress, done: 4, next: null });
    await waitFor(() => expect(bar.textContent, "every input stored: the tracked claims are looked for").toContain("Looking for tracked claims"));

    await fireEvent.click(screen.getByTestId("import-cancel"));
    await waitFor(() => expect(backend.callsTo("cancel_import")).toEqual([{ jobId: "job-1" }]));

    const summaryEvent: ImportJobSummary = {
      job_id: "job-1",
      cancelled: false,
      outcomes: [
        { input: "/a/one.txt", status: "imported", article: twoArticles[0] },
        { input: "/a/two.txt", status: "imported", article: twoArticles[1] },
        { input: "/a/three.txt", status: "duplicate", article: twoArticles[1] },
        { input: "/a/photo.png", status: "rejected", reason: "This file is not text or HTML (it looks like a PNG image)." },
      ],
      error: null,
    };
    const listsBefore = backend.callsTo("library").length;
    await backend.emit("import-finished", summaryEvent);

    const results = await screen.findByTestId("import-results");
    expect(screen.queryByTestId("import-progress"), "the bar goes once the job ends").toBeNull();
    expect(results.textContent).toContain("2 imported, 1 duplicate, 1 rejected");
    expect(results.textContent).toContain("photo.png");
    expect(results.textContent).toContain("This file is not text or HTML (it looks like a PNG image).");
    await waitFor(() =>
      expect(backend.callsTo("library").length, "the library refreshes when a job ends").toBeGreaterThan(
        listsBefore,
      ),
    );

    await fireEvent.click(within(results).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("import-results")).toBeNull();
  });

  test("dragging files over the window shows the drop overlay until they leave", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");

    await backend.emit("tauri://drag-enter", { paths: ["/a/x.txt"], position: { x: 10, y: 10 } });
    expect(await screen.findByTestId("drop-overlay")).toBeTruthy();
    await backend.emit("tauri://drag-leave", null);
    await waitFor(() => expect(screen.queryByTestId("drop-overlay")).toBeNull());
  });
});

describe("errors", () => {
  test("a failing command shows its message in a dismissable banner", async () => {
    fakeBackend(twoArticles, {
      import_folder: () => Promise.reject({ code: "workspace", message: "The workspace file is read-only." }),
    });
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.click(screen.getByRole("button", { name: "Import folder…" }));

    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("The workspace file is read-only.");
    expect(banner.getAttribute("role")).toBe("alert");
    await fireEvent.click(within(banner).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  test("an error that is not an ApiError is still shown", async () => {
    fakeBackend(twoArticles, {
      list_outlets: () => {
        throw new Error("connection reset");
      },
    });
    render(App);
    expect((await screen.findByTestId("error-banner")).textContent).toContain("connection reset");
  });
});

test("a library that cannot be listed says so and can be retried, instead of looking empty", async () => {
  let fail = true;
  const backend = fakeBackend(twoArticles, {
    library: () => (fail ? Promise.reject({ code: "workspace", message: "The database is locked." }) : twoArticles),
  });
  render(App);

  expect((await screen.findByTestId("error-banner")).textContent).toContain("The database is locked.");
  expect(screen.queryByTestId("empty-library"), "a failure is not an empty library").toBeNull();
  fail = false;
  await fireEvent.click(screen.getByRole("button", { name: "Try again" }));
  await waitFor(() => expect(screen.getAllByTestId("library-item")).toHaveLength(2));
  expect(backend.callsTo("library")).toHaveLength(2);
});

describe("no workspace", () => {
  test("a workspace that cannot be opened shows why and the ways out, not a stuck 'Opening'", async () => {
    const backend = fakeBackend([], {
      workspace_info: () => {
        throw { code: "workspace", message: "Could not open the workspace /x.db: not a Claimtrail workspace." };
      },
      library: () => {
        throw { code: "workspace", message: "Could not open the workspace /x.db: not a Claimtrail workspace." };
      },
      open_workspace: () => null,
    });
    render(App);
    const panel = await screen.findByTestId("no-workspace");
    expect(panel.textContent).toContain("not a Claimtrail workspace");
    expect(screen.getByText("No workspace open")).toBeTruthy();
    expect(screen.queryByRole("alert"), "one explanation in the middle, no toasts repeating it").toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "New workspace…" }));
    await waitFor(() => expect(backend.callsTo("open_workspace")).toEqual([{ create: true }]));
  });
});

describe("first run", () => {
  test("Getting started shows until dismissed, stays dismissed, and Help brings it back", async () => {
    localStorage.clear();
    fakeBackend(twoArticles);
    const first = render(App);
    await screen.findAllByTestId("library-item");
    const card = await screen.findByTestId("getting-started");
    expect(card.textContent).toContain("Import articles.");
    expect(card.textContent).toContain("Mark a claim.");
    expect(card.textContent).toContain("Open its timeline.");
    expect(card.querySelector("li.done")?.textContent, "the library has articles: step one is done").toContain("Import articles.");
    await fireEvent.click(within(card).getByTestId("getting-started-shortcuts"));
    await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    await fireEvent.keyDown(document.body, { key: "Escape" });
    await fireEvent.click(within(card).getByTestId("getting-started-dismiss"));
    expect(screen.queryByTestId("getting-started")).toBeNull();
    first.unmount();

    fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    expect(screen.queryByTestId("getting-started"), "dismissed on this computer").toBeNull();
    await fireEvent.click(screen.getByTestId("help-button"));
    await fireEvent.click(await screen.findByTestId("open-getting-started"));
    expect(await screen.findByTestId("getting-started")).toBeTruthy();
    expect(screen.queryByRole("dialog"), "Help closes to show it").toBeNull();
  });

  test("the empty library opens the example workspace, which says so and leads back", async () => {
    const backend = fakeBackend([]);
    render(App);
    const open = await screen.findByTestId("open-example");
    await fireEvent.click(open);
    await waitFor(() => expect(backend.callsTo("open_example_workspace")).toHaveLength(1));
    const note = await screen.findByTestId("example-note");
    expect(note.textContent).toContain("try anything");
    expect(screen.getByTestId("workspace-name").textContent).toBe("example-workspace.db");
    await fireEvent.click(within(note).getByTestId("leave-example"));
    await waitFor(() => expect(backend.callsTo("open_start_workspace")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId("example-note")).toBeNull());
  });
});

describe("crashes", () => {
  test("a crash at the last run is told at start, with the log folder to send", async () => {
    const backend = fakeBackend(twoArticles, {
      take_crash_report: () => ({
        what: "called `…` on a `…` value (at src/search/mod.rs:12)",
        at: "2026-12-06T09:12:00+01:00",
        log_folder: "/home/dana/.local/state/claimtrail/logs",
        earlier: true,
      }),
      open_log_folder: () => ({ path: "/home/dana/.local/state/claimtrail/logs", opened: true }),
    });
    render(App);
    const dialog = await screen.findByRole("dialog", { name: "Claimtrail closed unexpectedly" });
    expect(dialog.textContent).toContain("Your work is saved");
    expect(within(dialog).getByTestId("crash-log-folder").textContent).toBe("/home/dana/.local/state/claimtrail/logs");
    expect(within(dialog).getByTestId("crash-what").textContent).toContain("src/search/mod.rs:12");
    await fireEvent.click(within(dialog).getByTestId("crash-open-log"));
    await waitFor(() => expect(backend.callsTo("open_log_folder")).toHaveLength(1));
  });

  test("a crash the app survived is told as it happens", async () => {
    const backend = fakeBackend(twoArticles);
    render(App);
    await screen.findAllByTestId("library-item");
    expect(screen.queryByRole("dialog")).toBeNull();
    await backend.emit("app-crashed", { what: "index out of bounds (at src/x.rs:1)", at: null, log_folder: "/tmp/logs", earlier: false });
    const dialog = await screen.findByRole("dialog", { name: "Something went wrong inside Claimtrail" });
    expect(dialog.textContent).toContain("close and open it again");
  });
});

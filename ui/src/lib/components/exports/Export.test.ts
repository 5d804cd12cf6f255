// The Export dialog and "Import annotations…" against a fake shell: the scope
// and format chosen are what export_preview is asked for, the HTML report is
// previewed in a sandboxed frame and other formats as text, Save… passes the
// suggested name and shows where the file went, a cancelled save does
// nothing, and the annotation import lists what became of each annotation.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { AppState } from "../../app.svelte";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, summary } from "../../../tests/fixtures";
import type { ClaimInfo } from "../../bindings/ClaimInfo";
import type { AnnotationOutcome } from "../../bindings/AnnotationOutcome";

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

const REPORT = '<!doctype html><html><body><h1>Claims</h1><script>parent.hacked = true</script><p>"Quote" & more</p></body></html>';

function setup(extra: Handlers = {}) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const c1: ClaimInfo = claim({ id: "c1", appearances: [appearance({ id: "ap1", claim_id: "c1", article_id: "a1" })] });
  const backend = fakeBackend([summary({ id: "a1" })], {
    get_claim: () => c1,
    article_appearances: () => c1.appearances,
    list_claims: () => [{ ...c1 }],
    list_links: () => [],
    list_storylines: () => [
      { id: "s1", name: "NATO bid", description: null, claim_ids: ["c1"], created_at: "2025-12-15T10:00:00Z" },
    ],
    export_preview: (args) => {
      const format = (args.request as { format: string }).format;
      return {
        content: format === "html" ? REPORT : `claim_id,claim\nc1,"Ukraine would drop its NATO bid"\n`,
        truncated: format === "json",
        claims: 3,
        appearances: 7,
        file_name: `nato-bid.${format}`,
        notes: [],
      };
    },
    ...extra,
  });
  const app = new AppState();
  render(App, { props: { app } });
  return { backend, app };
}

async function openExport() {
  await screen.findByTestId("library-item");
  await fireEvent.keyDown(document.body, { key: "e", ctrlKey: true });
  return screen.findByTestId("export-dialog");
}

/** The options every request carries unless changed: the user's zone, proposals left out. */
const DEFAULTS = { unapproved: "omit", zone: Intl.DateTimeFormat().resolvedOptions().timeZone };

describe("the Export dialog", () => {
  test("Ctrl+E opens it on the whole workspace as an HTML report, previewed in a sandboxed frame", async () => {
    const { backend } = setup();
    const dialog = await openExport();
    await waitFor(() =>
      expect(backend.lastCallTo("export_preview")).toEqual({
        request: { scope: "workspace", format: "html", options: { bom: false, group: "claimant", ...DEFAULTS } },
      }),
    );
    const frame = (await within(dialog).findByTestId("export-preview-html")) as HTMLIFrameElement;
    expect(frame.tagName).toBe("IFRAME");
    expect(frame.getAttribute("sandbox"), "sandboxed with nothing allowed: no scripts").toBe("");
    expect(frame.getAttribute("srcdoc"), "the report goes in whole through srcdoc").toBe(REPORT);
    expect(dialog.querySelector("h1"), "nothing of the report is put into the app's own page").toBeNull();
    expect(within(dialog).getByTestId("export-counts").textContent).toBe("3 claims, 7 appearances");
    expect(within(dialog).queryByTestId("export-preview-text")).toBeNull();
  });

  test("the scope and format chosen are what the preview asks for; other formats show as text", async () => {
    const { backend } = setup();
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-format-csv"));
    await fireEvent.click(within(dialog).getByTestId("export-bom"));
    await fireEvent.click(within(dialog).getByTestId("export-scope-storyline"));
    await waitFor(() =>
      expect(backend.lastCallTo("export_preview")).toEqual({
        request: { scope: { storyline: "s1" }, format: "csv", options: { bom: true, group: "claimant", ...DEFAULTS } },
      }),
    );
    const pre = await within(dialog).findByTestId("export-preview-text");
    expect(pre.tagName).toBe("PRE");
    expect(pre.textContent).toContain('c1,"Ukraine would drop its NATO bid"');
    expect(within(dialog).queryByTestId("export-preview-html")).toBeNull();

    await fireEvent.click(within(dialog).getByTestId("export-scope-person"));
    await fireEvent.input(within(dialog).getByTestId("export-person"), { target: { value: "Zelenskyy" } });
    await fireEvent.click(within(dialog).getByTestId("export-format-timelinejs"));
    await fireEvent.change(within(dialog).getByTestId("export-group"), { target: { value: "outlet" } });
    await waitFor(() =>
      expect(backend.lastCallTo("export_preview")).toEqual({
        request: { scope: { person: "Zelenskyy" }, format: "timelinejs", options: { bom: true, group: "outlet", ...DEFAULTS } },
      }),
    );

    await fireEvent.click(within(dialog).getByTestId("export-format-json"));
    expect(await within(dialog).findByTestId("export-truncated"), "a cut preview says so").toBeTruthy();
  });

  test("Export… in the claim inspector opens on that claim", async () => {
    const { app, backend } = setup();
    await screen.findByTestId("library-item");
    await app.claims.show("c1");
    await fireEvent.click(await screen.findByTestId("claim-export"));
    const dialog = await screen.findByTestId("export-dialog");
    expect((within(dialog).getByTestId("export-scope-claim") as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect((backend.lastCallTo("export_preview")?.request as { scope: unknown }).scope).toEqual({ claim: "c1" }));
  });

  test("Save… passes the suggested file name and shows where the file went", async () => {
    const { backend } = setup({ export_to_file: () => "/home/reporter/nato-bid.html" });
    const dialog = await openExport();
    await within(dialog).findByTestId("export-preview-html");
    const save = within(dialog).getByTestId("export-save") as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    await fireEvent.click(save);
    await waitFor(() =>
      expect(backend.lastCallTo("export_to_file")).toEqual({
        request: { scope: "workspace", format: "html", options: { bom: false, group: "claimant", ...DEFAULTS } },
        fileName: "nato-bid.html",
      }),
    );
    expect((await within(dialog).findByTestId("export-saved")).textContent).toBe("Saved to /home/reporter/nato-bid.html");
  });

  test("a cancelled save does nothing; a failed one shows its message", async () => {
    let answer: () => unknown = () => null;
    const { backend } = setup({ export_to_file: () => answer() });
    const dialog = await openExport();
    await within(dialog).findByTestId("export-preview-html");
    const save = within(dialog).getByTestId("export-save") as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    await fireEvent.click(save);
    await waitFor(() => expect(backend.callsTo("export_to_file")).toHaveLength(1));
    await waitFor(() => expect(save.disabled).toBe(false));
    expect(within(dialog).queryByTestId("export-saved")).toBeNull();
    expect(within(dialog).queryByTestId("export-save-error")).toBeNull();
    expect(screen.queryByTestId("export-dialog"), "the dialog stays open").not.toBeNull();

    answer = () => {
      throw { code: "internal", message: "Permission denied: /root/nato-bid.html" };
    };
    await fireEvent.click(save);
    expect((await within(dialog).findByTestId("export-save-error")).textContent).toContain("Permission denied");
  });

  test("ClaimReview asks for the organisation and saves it", async () => {
    const { backend } = setup({ set_organisation: (a) => ({ name: a.name, url: a.url }) });
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-format-claimreview"));
    const name = within(dialog).getByTestId("export-org-name");
    await fireEvent.input(name, { target: { value: "Newsroom Fact Check" } });
    await fireEvent.change(name);
    await waitFor(() => expect(backend.lastCallTo("set_organisation")).toEqual({ name: "Newsroom Fact Check", url: null }));
    expect(
      (await within(dialog).findByTestId("export-no-claims")).textContent,
      "with no approved verdict among the claims, it says why the markup is empty",
    ).toContain("approved");
  });

  test("an empty workspace gets a guiding empty state, not a preview", async () => {
    const backend = fakeBackend([]);
    render(App, { props: { app: new AppState() } });
    await screen.findByText(/import/i, { selector: "h2, h1, p" }).catch(() => null);
    await waitFor(() => expect(backend.callsTo("library").length).toBeGreaterThan(0));
    await fireEvent.keyDown(document.body, { key: "e", ctrlKey: true });
    const dialog = await screen.findByTestId("export-dialog");
    expect((await within(dialog).findByTestId("export-empty")).textContent).toContain("mark");
    expect(backend.callsTo("export_preview")).toHaveLength(0);
    expect(within(dialog).queryByTestId("export-save")).toBeNull();
  });

  test("the shortcut is in the shortcuts dialog", async () => {
    setup();
    await screen.findByTestId("library-item");
    await fireEvent.keyDown(document.body, { key: "?" });
    expect((await screen.findByText(/Export claims/)).textContent).toContain("HTML report");
  });
});

describe("the Export dialog's filters", () => {
  const options = (backend: ReturnType<typeof fakeBackend>) =>
    (backend.lastCallTo("export_preview")?.request as { options: Record<string, unknown> }).options;

  test("folded into one line until opened; what is set is sent as the request's filter, and Clear filters sends none", async () => {
    const { backend } = setup();
    const dialog = await openExport();
    await waitFor(() => expect(backend.callsTo("export_preview").length).toBeGreaterThan(0));
    expect(within(dialog).getByTestId("export-filter-summary").textContent).toContain("None");
    expect(within(dialog).queryByTestId("export-filter-text"), "folded: no fields yet").toBeNull();
    expect("filter" in options(backend), "nothing narrows: no filter").toBe(false);

    await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
    await fireEvent.input(within(dialog).getByTestId("export-filter-text"), { target: { value: "NATO guarantees" } });
    await fireEvent.change(within(dialog).getByTestId("export-filter-outlet"), { target: { value: "ANI" } });
    await fireEvent.change(within(dialog).getByTestId("export-filter-verdict"), { target: { value: "mostly_false" } });
    await fireEvent.input(within(dialog).getByTestId("export-filter-tag"), { target: { value: "nato" } });
    await fireEvent.input(within(dialog).getByTestId("export-filter-from"), { target: { value: "2025-12-01" } });
    await fireEvent.input(within(dialog).getByTestId("export-filter-to"), { target: { value: "2025-12-15" } });
    await fireEvent.click(within(dialog).getByTestId("export-filter-date-by").querySelector('[data-by="published"]')!);
    await waitFor(() =>
      expect(options(backend)).toEqual({
        bom: false,
        group: "claimant",
        ...DEFAULTS,
        filter: {
          text: "NATO guarantees",
          outlet: "ANI",
          verdict: "mostly_false",
          tag: "nato",
          from: "2025-12-01",
          to: "2025-12-15",
          date_by: "published",
        },
      }),
    );

    // Folded again, the line says what narrows the export.
    await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
    expect(within(dialog).getByTestId("export-filter-summary").textContent).toBe(
      "“NATO guarantees” · ANI · Mostly false · tag nato · 2025-12-01 to 2025-12-15, published",
    );
    expect(within(dialog).getByTestId("export-filter-count").textContent).toBe("5");

    await fireEvent.click(within(dialog).getByTestId("export-clear-filters"));
    await waitFor(() => expect("filter" in options(backend), "cleared: no filter at all").toBe(false));
    expect(within(dialog).getByTestId("export-filter-summary").textContent).toContain("None");
  });

  test("a date being typed is marked and not sent, and Save waits for it; the date basis goes only with a date", async () => {
    const { backend } = setup();
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
    const from = within(dialog).getByTestId("export-filter-from");
    await fireEvent.input(within(dialog).getByTestId("export-filter-tag"), { target: { value: "nato" } });
    await waitFor(() => expect(options(backend).filter).toEqual({ text: "", tag: "nato" }));
    await fireEvent.input(from, { target: { value: "2025-12" } });
    expect(from.getAttribute("aria-invalid")).toBe("true");
    expect(within(dialog).getByTestId("export-date-hint").textContent).toContain("2025-12-14");
    const save = within(dialog).getByTestId("export-save") as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(true));
    const asked = backend.callsTo("export_preview").length;
    await new Promise((r) => setTimeout(r, 200));
    expect(backend.callsTo("export_preview"), "a half-typed date asks for nothing").toHaveLength(asked);

    await fireEvent.input(from, { target: { value: "2025-12-14" } });
    await waitFor(() => expect(options(backend).filter).toEqual({ text: "", tag: "nato", from: "2025-12-14", date_by: "stated" }));
    expect(from.getAttribute("aria-invalid")).toBe("false");
    await waitFor(() => expect(save.disabled).toBe(false));
  });

  test("a date the core refuses shows its message instead of the preview", async () => {
    const { backend } = setup({
      export_preview: (args) => {
        const filter = (args.request as { options: { filter?: { from?: string } } }).options.filter;
        if (filter?.from === "2025-02-30")
          throw { code: "invalid_input", message: "“2025-02-30” is not a date. Write it as 2025-12-14, or as a time with its offset." };
        return { content: "x", truncated: false, claims: 1, appearances: 1, file_name: "x.html", notes: [] };
      },
    });
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
    await fireEvent.input(within(dialog).getByTestId("export-filter-from"), { target: { value: "2025-02-30" } });
    const error = await within(dialog).findByTestId("export-error");
    expect(error.textContent).toContain("“2025-02-30” is not a date. Write it as 2025-12-14");
    expect((within(dialog).getByTestId("export-save") as HTMLButtonElement).disabled).toBe(true);
    expect(backend.lastCallTo("export_preview")).toBeTruthy();
  });

  test("what the format leaves out is said beside the preview, one line each, as text", async () => {
    const notes = [
      "1 appearance has no date (no stated time, no published time) and is not in the timeline: “<b>we will</b>” in Undated brief. Set a stated time to place it.",
      "2 of 3 claims have no approved verdict and are not published as ClaimReview.",
    ];
    setup({
      export_preview: (args) => {
        const format = (args.request as { format: string }).format;
        return { content: "{}", truncated: false, claims: 3, appearances: 4, file_name: `x.${format}`, notes: format === "timelinejs" ? notes : [] };
      },
    });
    const dialog = await openExport();
    await within(dialog).findByTestId("export-counts");
    expect(within(dialog).queryByTestId("export-notes"), "no notes, no box").toBeNull();
    await fireEvent.click(within(dialog).getByTestId("export-format-timelinejs"));
    const items = await within(dialog).findAllByTestId("export-note");
    expect(items.map((li) => li.textContent)).toEqual(notes);
    expect(within(dialog).getByTestId("export-notes").querySelector("b"), "imported words stay text").toBeNull();
  });

  test("ClaimReview's missing verdicts are said once: by the core's note when there is one", async () => {
    setup({
      export_preview: () => ({
        content: "[]",
        truncated: false,
        claims: 1,
        appearances: 1,
        file_name: "x.jsonld",
        notes: ["1 of 1 claims has no approved verdict and is not published as ClaimReview."],
      }),
    });
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-format-claimreview"));
    expect((await within(dialog).findByTestId("export-note")).textContent).toContain("no approved verdict");
    expect(within(dialog).queryByTestId("export-no-claims")).toBeNull();
  });

  test("nothing matching the filters says so", async () => {
    setup({
      export_preview: () => ({ content: "", truncated: false, claims: 0, appearances: 0, file_name: "x.html", notes: [] }),
    });
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
    await fireEvent.input(within(dialog).getByTestId("export-filter-tag"), { target: { value: "nothing-has-this" } });
    await waitFor(() => expect(within(dialog).getByTestId("export-no-claims").textContent).toContain("match the filters"));
  });

  test("the current search's words and filters can be taken over; its claimant becomes the scope", async () => {
    const { app, backend } = setup();
    await screen.findByTestId("library-item");
    app.search.text = "guarantees";
    app.search.filters = { ...app.search.filters, claimant: "Zelenskyy", outlet: "ANI", from: "2025-12-14", dateBy: "published" };
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
    await fireEvent.click(within(dialog).getByTestId("export-use-search"));
    await waitFor(() =>
      expect(backend.lastCallTo("export_preview")?.request).toEqual({
        scope: { person: "Zelenskyy" },
        format: "html",
        options: { bom: false, group: "claimant", ...DEFAULTS, filter: { text: "guarantees", outlet: "ANI", from: "2025-12-14", date_by: "published" } },
      }),
    );
    expect((within(dialog).getByTestId("export-scope-person") as HTMLInputElement).checked).toBe(true);
  });

  test("without a search going on, there is nothing to take over", async () => {
    setup();
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
    expect(within(dialog).queryByTestId("export-use-search")).toBeNull();
  });
});

describe("Import annotations", () => {
  const results: AnnotationOutcome[] = [
    { index: 1, source: "https://www.aninews.in/a", exact: "legally binding security guarantees", status: "imported", claim_id: "c1", appearance_id: "ap9", reason: null },
    { index: 2, source: "https://www.aninews.in/a", exact: "drop its NATO bid", status: "duplicate", claim_id: "c1", appearance_id: "ap1", reason: null },
    { index: 3, source: "https://example.org/gone", exact: "a quote", status: "skipped", claim_id: null, appearance_id: null, reason: "The page is not in the workspace" },
  ];

  test("lists what became of each annotation, with counts, and reloads the claims", async () => {
    const { backend } = setup({ import_annotations: () => results });
    await screen.findByTestId("library-item");
    await fireEvent.click(screen.getByTestId("workspace-menu"));
    const queues = backend.callsTo("queue_counts").length;
    await fireEvent.click(await screen.findByTestId("import-annotations"));
    const dialog = await screen.findByTestId("annotation-results");
    expect(within(dialog).getByTestId("annotation-counts").textContent).toBe("1 imported, 1 already there, 1 skipped");
    const rows = within(dialog).getAllByTestId("annotation-result");
    expect(rows.map((r) => r.dataset.status)).toEqual(["imported", "duplicate", "skipped"]);
    expect(rows[2].textContent).toContain("The page is not in the workspace");
    expect(rows[0].textContent).toContain("legally binding security guarantees");
    await waitFor(() => expect(backend.callsTo("queue_counts").length, "the queues are counted again").toBeGreaterThan(queues));
  });

  test("a workspace failure part way says where the import stopped and that the rest was not tried", async () => {
    const stopped: AnnotationOutcome[] = [
      results[0],
      { index: 2, source: "https://www.aninews.in/a", exact: "drop its NATO bid", status: "failed", claim_id: null, appearance_id: null, reason: "The disk holding the workspace is full. Free some space and try again." },
    ];
    setup({ import_annotations: () => stopped });
    await screen.findByTestId("library-item");
    await fireEvent.click(screen.getByTestId("workspace-menu"));
    await fireEvent.click(await screen.findByTestId("import-annotations"));
    const dialog = await screen.findByTestId("annotation-results");
    const counts = within(dialog).getByTestId("annotation-counts").textContent ?? "";
    expect(counts).toContain("1 imported");
    expect(counts).toContain("stopped at annotation 2");
    expect(counts).toContain("were not tried");
    const rows = within(dialog).getAllByTestId("annotation-result");
    expect(rows[1].textContent).toContain("Stopped here");
    expect(rows[1].textContent).toContain("disk holding the workspace is full");
  });

  test("a cancelled file choice shows nothing", async () => {
    const { backend } = setup({ import_annotations: () => null });
    await screen.findByTestId("library-item");
    await fireEvent.click(screen.getByTestId("workspace-menu"));
    await fireEvent.click(await screen.findByTestId("import-annotations"));
    await waitFor(() => expect(backend.callsTo("import_annotations")).toHaveLength(1));
    expect(screen.queryByTestId("annotation-results")).toBeNull();
  });
});

describe("the Export dialog's timeline options", () => {
  test("a timeline's zone, its rows by claim and proposed verdicts shown marked are what the preview asks for", async () => {
    const { backend } = setup();
    const dialog = await openExport();
    await fireEvent.click(within(dialog).getByTestId("export-format-timelinejs"));
    const zone = within(dialog).getByTestId("export-zone") as HTMLInputElement;
    expect(zone.value, "the user's own zone to begin with").toBe(DEFAULTS.zone);
    await fireEvent.input(zone, { target: { value: "Asia/Kolkata" } });
    await fireEvent.change(within(dialog).getByTestId("export-group"), { target: { value: "claim" } });
    await fireEvent.click(within(dialog).getByTestId("export-unapproved"));
    await waitFor(() =>
      expect(backend.lastCallTo("export_preview")?.request).toEqual({
        scope: "workspace",
        format: "timelinejs",
        options: { bom: false, group: "claim", unapproved: "mark", zone: "Asia/Kolkata" },
      }),
    );
    await fireEvent.click(within(dialog).getByTestId("export-zone-mine"));
    expect(zone.value).toBe(DEFAULTS.zone);
    // Markdown has no clock to choose but the same rule for proposals.
    await fireEvent.click(within(dialog).getByTestId("export-format-md"));
    expect(within(dialog).queryByTestId("export-zone")).toBeNull();
    expect((within(dialog).getByTestId("export-unapproved") as HTMLInputElement).checked).toBe(true);
    // JSON holds everything: nothing to choose.
    await fireEvent.click(within(dialog).getByTestId("export-format-json"));
    expect(within(dialog).queryByTestId("export-unapproved")).toBeNull();
  });
});

// Workspace bundles against a fake shell: the summary in journalists' words,
// Export bundle… with a suggested name and where it went, Import bundle…
// showing what would change before anything does (Cancel discards, Import
// imports and reloads, a bundle already here only closes), and the merge
// conflicts view (only in the left pane when there are some; settling
// removes the item and offers Undo; a refusal is shown beside the item).
import { describe, expect, test } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { claim } from "../../../tests/fixtures";
import type { BundleSummary } from "../../bindings/BundleSummary";
import type { BundlePreview } from "../../bindings/BundlePreview";
import type { ConflictInfo } from "../../bindings/ConflictInfo";
import { renderApp } from "../../../tests/app";
import {
  bundleFileName,
  changeLines,
  changeSentence,
  eventsText,
  fieldLabel,
  summaryIsEmpty,
  valueText,
} from "../../bundles.svelte";

const SUMMARY: BundleSummary = {
  bundle_id: "b1",
  exported_at: "2025-12-15T14:02:00+05:30",
  added: { claims: 12, appearances: 40, revisions: 1, attribution_steps: 6, relay_candidates: 2, persons: 1 },
  updated: { claims: 3, dismissed_suggestions: 1 },
  removed: {},
  joined: {},
  conflicts: [
    {
      table: "claims",
      row_id: "c1",
      field: "statement",
      kept: "Ukraine would drop its NATO bid for binding guarantees",
      other: "Ukraine may drop its NATO bid",
      kept_from: "bundle",
    },
    { table: "claims", row_id: "c1", field: "condition", kept: null, other: "if the guarantees are legally binding", kept_from: "local" },
  ],
  events: 57,
  write_id: "w-import",
};

const EMPTY: BundleSummary = { bundle_id: "b1", exported_at: "2025-12-15T14:02:00+05:30", added: {}, updated: { claims: 0 }, removed: {}, joined: {}, conflicts: [], events: 0, write_id: null };

function conflict(overrides: Partial<ConflictInfo> = {}): ConflictInfo {
  return {
    id: "k1",
    subject: "Ukraine would drop its NATO bid for binding guarantees",
    claim_id: "c1",
    bundle_id: "b1",
    found_at: "2025-12-16T09:00:00Z",
    settled_by: null,
    settled_at: null,
    settled_with: null,
    table: "claims",
    row_id: "c1",
    field: "statement",
    kept: "Ukraine would drop its NATO bid for binding guarantees",
    other: "Ukraine may drop its NATO bid",
    kept_from: "bundle",
    ...overrides,
  };
}

describe("the summary in words", () => {
  test("one line per kind of thing, in the order journalists think of them, bookkeeping folded into other details", () => {
    expect(changeLines(SUMMARY).map((l) => l.text)).toEqual([
      "1 article version added",
      "12 claims added, 3 updated",
      "40 appearances added",
      "1 person added",
      "8 other details added, 1 updated",
    ]);
    expect(changeLines({ added: {}, updated: { claims: 1 } }).map((l) => l.text)).toEqual(["1 claim updated"]);
    expect(changeSentence(SUMMARY)).toBe(
      "1 article version added; 12 claims added, 3 updated; 40 appearances added; 1 person added; 8 other details added, 1 updated; 2 conflicts to settle",
    );
  });

  test("articles and outlets both desks made are said to be joined", () => {
    const joined = { ...EMPTY, added: { claims: 1 }, joined: { articles: 2, outlets: 1 } };
    expect(changeSentence(joined)).toBe(
      "1 claim added; 2 articles made on both desks joined into one; 1 outlet made on both desks joined into one",
    );
    expect(summaryIsEmpty({ ...EMPTY, joined: { articles: 1 } })).toBe(false);
  });

  test("a summary of zeros with no conflicts and no history is empty", () => {
    expect(summaryIsEmpty(EMPTY)).toBe(true);
    expect(summaryIsEmpty({ ...EMPTY, events: 1 })).toBe(false);
    expect(summaryIsEmpty({ ...EMPTY, added: { comments: 1 } })).toBe(false);
    expect(summaryIsEmpty({ ...EMPTY, conflicts: SUMMARY.conflicts })).toBe(false);
  });

  test("fields, values and the history in words", () => {
    expect(fieldLabel("claims", "statement")).toBe("Claim statement");
    expect(fieldLabel("claims", "claimant_id")).toBe("Claim claimant");
    expect(fieldLabel("outlets", "credibility")).toBe("Outlet credibility");
    expect(fieldLabel("relay_candidates", "cue")).toBe("Detail cue");
    expect(valueText("condition", null)).toBe("(empty)");
    expect(valueText("anchor_confidence", 0.75)).toBe("0.75");
    expect(valueText("review_state", "in_review")).toBe("In review");
    expect(valueText("rating", "mostly_false")).toBe("Mostly false");
    expect(valueText("claimant_id", "p1", (id) => (id === "p1" ? "Volodymyr Zelenskyy" : null))).toBe("Volodymyr Zelenskyy");
    expect(valueText("claimant_id", "p2", () => null)).toBe("p2");
    expect(eventsText(57)).toBe("57 recorded changes of the colleague's history will be added to the record.");
    expect(eventsText(1, true)).toBe("1 recorded change of the colleague's history added to the record.");
  });

  test("the suggested file name: the workspace's name and today's date", () => {
    const day = new Date(2026, 0, 5, 10, 0);
    expect(bundleFileName("/home/reporter/Claimtrail/NATO guarantees.claimtrail", day)).toBe(
      "claimtrail-nato-guarantees-2026-01-05.ctbundle",
    );
    expect(bundleFileName(null, day)).toBe("claimtrail-workspace-2026-01-05.ctbundle");
  });
});

const setup = renderApp;

async function menuItem(id: string) {
  await screen.findByTestId("library-item");
  await fireEvent.click(screen.getByTestId("workspace-menu"));
  await fireEvent.click(await screen.findByTestId(id));
}

describe("Export bundle…", () => {
  test("suggests a name from the workspace and the day, and says where the bundle went", async () => {
    const { backend } = setup({ export_bundle: () => "/home/reporter/claimtrail-nato.ctbundle" });
    await menuItem("export-bundle");
    await waitFor(() => expect(backend.callsTo("export_bundle")).toHaveLength(1));
    expect(backend.lastCallTo("export_bundle")?.fileName).toMatch(/^claimtrail-nato-guarantees-\d{4}-\d{2}-\d{2}\.ctbundle$/);
    expect((await screen.findByTestId("notice")).textContent).toContain("Bundle saved to /home/reporter/claimtrail-nato.ctbundle");
  });

  test("a cancelled save says nothing; a failed one shows why", async () => {
    const { backend } = setup({
      export_bundle: () => {
        throw { code: "invalid_input", message: "The bundle could not be written: disk full" };
      },
    });
    await menuItem("export-bundle");
    expect((await screen.findByTestId("error-banner")).textContent).toContain("disk full");
    expect(backend.callsTo("export_bundle")).toHaveLength(1);
    expect(screen.queryByTestId("notice")).toBeNull();
  });
});

describe("Import bundle…", () => {
  const preview: BundlePreview = { file_name: "claimtrail-dana-2025-12-15.ctbundle", summary: SUMMARY };

  test("shows what would change before anything does; Cancel forgets the bundle", async () => {
    const { backend } = setup({ choose_bundle: () => preview });
    await menuItem("import-bundle");
    const dialog = await screen.findByTestId("bundle-dialog");
    expect(dialog.textContent).toContain("Import bundle claimtrail-dana-2025-12-15.ctbundle");
    expect(within(dialog).getByTestId("bundle-exported").textContent).toContain("15 Dec 2025, 14:02 (UTC+05:30)");
    expect(within(dialog).getAllByTestId("bundle-change").map((l) => l.textContent)).toContain("12 claims added, 3 updated");
    expect(within(dialog).getByTestId("bundle-events").textContent).toContain("57 recorded changes");
    const conflicts = within(dialog).getAllByTestId("bundle-conflict");
    expect(conflicts).toHaveLength(2);
    expect(conflicts[0].textContent).toContain("Claim statement");
    expect(conflicts[0].textContent).toContain("Kept (from the bundle)");
    expect(within(conflicts[0]).getByTestId("bundle-conflict-other").textContent).toBe("Ukraine may drop its NATO bid");
    expect(conflicts[1].textContent).toContain("Kept (from this desk)");
    expect(within(conflicts[1]).getByTestId("bundle-conflict-kept").textContent).toBe("(empty)");
    expect(within(dialog).getByTestId("bundle-conflicts").textContent).toContain("The later change is kept");

    await fireEvent.click(within(dialog).getByTestId("bundle-cancel"));
    await waitFor(() => expect(backend.callsTo("discard_bundle")).toHaveLength(1));
    expect(backend.callsTo("import_bundle")).toHaveLength(0);
    expect(screen.queryByTestId("bundle-dialog")).toBeNull();
  });

  test("Esc cancels too", async () => {
    const { backend } = setup({ choose_bundle: () => preview });
    await menuItem("import-bundle");
    const dialog = await screen.findByTestId("bundle-dialog");
    await fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(backend.callsTo("discard_bundle")).toHaveLength(1));
    expect(screen.queryByTestId("bundle-dialog")).toBeNull();
  });

  test("Import merges it, reloads the library and the queues, and offers the conflicts", async () => {
    const { backend, app } = setup({
      choose_bundle: () => preview,
      import_bundle: () => SUMMARY,
      merge_conflicts: () => [conflict()],
    });
    await menuItem("import-bundle");
    const dialog = await screen.findByTestId("bundle-dialog");
    const before = {
      articles: backend.callsTo("library").length,
      queues: backend.callsTo("queue_counts").length,
    };
    await fireEvent.click(within(dialog).getByTestId("bundle-import"));
    await waitFor(() => expect(backend.callsTo("import_bundle")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId("bundle-dialog")).toBeNull());
    expect(backend.callsTo("discard_bundle")).toHaveLength(0);
    await waitFor(() => expect(backend.callsTo("library").length, "the library reloads").toBeGreaterThan(before.articles));
    expect(backend.callsTo("queue_counts").length, "the queues are counted again").toBeGreaterThan(before.queues);
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("Imported claimtrail-dana-2025-12-15.ctbundle: ");
    expect(notice.textContent).toContain("12 claims added, 3 updated");
    expect(notice.textContent).toContain("2 conflicts to settle");
    await fireEvent.click(within(notice).getByTestId("notice-action"));
    expect(app.view.kind).toBe("conflicts");
    expect(await screen.findByTestId("conflict")).toBeTruthy();
  });

  test("an import without conflicts offers Undo, which undoes that import", async () => {
    const { backend } = setup({
      choose_bundle: () => preview,
      import_bundle: () => ({ ...SUMMARY, conflicts: [] }),
      undo: () => ({ write_id: "w-import", at: "2025-12-16T10:01:00Z", summary: "Imported a bundle", events: 1, blocked: null }),
    });
    await menuItem("import-bundle");
    const dialog = await screen.findByTestId("bundle-dialog");
    await fireEvent.click(within(dialog).getByTestId("bundle-import"));
    const notice = await screen.findByTestId("notice");
    const action = within(notice).getByTestId("notice-action");
    expect(action.textContent).toBe("Undo");
    await fireEvent.click(action);
    await waitFor(() => expect(backend.callsTo("undo")).toHaveLength(1));
    expect(backend.callsTo("undo")[0]).toMatchObject({ writeId: "w-import" });
  });

  test("a failed import says why in the dialog and keeps it open to try again", async () => {
    let fail = true;
    const { backend } = setup({
      choose_bundle: () => preview,
      import_bundle: () => {
        if (fail) throw { code: "invalid_input", message: "This file is not a Claimtrail bundle." };
        return SUMMARY;
      },
    });
    await menuItem("import-bundle");
    const dialog = await screen.findByTestId("bundle-dialog");
    await fireEvent.click(within(dialog).getByTestId("bundle-import"));
    expect((await within(dialog).findByTestId("bundle-error")).textContent).toBe("This file is not a Claimtrail bundle.");
    expect(screen.getByTestId("bundle-dialog")).toBeTruthy();
    fail = false;
    await fireEvent.click(within(dialog).getByTestId("bundle-import"));
    await waitFor(() => expect(screen.queryByTestId("bundle-dialog")).toBeNull());
    expect(backend.callsTo("import_bundle")).toHaveLength(2);
  });

  test("a bundle already here says so and only closes (the bundle is forgotten)", async () => {
    const { backend } = setup({ choose_bundle: () => ({ file_name: "again.ctbundle", summary: EMPTY }) });
    await menuItem("import-bundle");
    const dialog = await screen.findByTestId("bundle-dialog");
    expect(within(dialog).getByTestId("bundle-empty").textContent).toContain("Everything in this bundle is already here");
    expect(within(dialog).queryByTestId("bundle-import")).toBeNull();
    expect(within(dialog).queryByTestId("bundle-cancel")).toBeNull();
    await fireEvent.click(within(dialog).getByTestId("bundle-close"));
    await waitFor(() => expect(backend.callsTo("discard_bundle")).toHaveLength(1));
    expect(backend.callsTo("import_bundle")).toHaveLength(0);
  });

  test("a cancelled file choice shows nothing", async () => {
    const { backend } = setup();
    await menuItem("import-bundle");
    await waitFor(() => expect(backend.callsTo("choose_bundle")).toHaveLength(1));
    expect(screen.queryByTestId("bundle-dialog")).toBeNull();
  });
});

describe("merge conflicts", () => {
  const counts = (n: number) => () => ({ assigned_to_me: 0, needs_approval: 0, needs_reanchoring: 0, unreviewed: 0, merge_conflicts: n });

  test("appear in the left pane only when there are some", async () => {
    setup();
    await waitFor(() => expect(screen.getByTestId("queue-count-unreviewed").textContent).toBe("0"));
    expect(screen.queryByTestId("queue-merge-conflicts")).toBeNull();
  });

  test("list each field with the value kept and the one set aside; Use the other settles it and offers Undo", async () => {
    let open = [conflict(), conflict({ id: "k2", subject: "Volodymyr Zelenskyy", claim_id: null, table: "persons", row_id: "p1", field: "name", kept: "Volodymyr Zelenskyy", other: "Volodymyr Zelensky", kept_from: "local" })];
    const { backend } = setup({
      queue_counts: () => counts(open.length)(),
      merge_conflicts: () => open,
      settle_conflict: (args) => {
        const settled = { ...open.find((c) => c.id === args.id)!, settled_by: "Reporter", settled_at: "2025-12-16T10:00:00Z", settled_with: args.choice as string };
        open = open.filter((c) => c.id !== args.id);
        return settled;
      },
      undo: () => ({ write_id: "w1", at: "2025-12-16T10:01:00Z", summary: "Settled a conflict", events: 1, blocked: null }),
      get_claim: () => claim({ id: "c1" }),
    });
    const nav = await screen.findByTestId("queue-merge-conflicts");
    expect(within(nav).getByTestId("queue-count-merge-conflicts").textContent).toBe("2");
    await fireEvent.click(nav);
    const items = await screen.findAllByTestId("conflict");
    expect(backend.lastCallTo("merge_conflicts")).toEqual({ settled: false });
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByTestId("conflict-field").textContent).toBe("Claim statement");
    expect(items[0].textContent).toContain("Kept (from the bundle)");
    expect(within(items[0]).getByTestId("conflict-other").textContent).toBe("Ukraine may drop its NATO bid");
    expect(items[1].textContent).toContain("Kept (from this desk)");
    expect(within(items[1]).getByTestId("conflict-subject").tagName, "a person is not a claim to open").toBe("SPAN");

    await fireEvent.click(within(items[0]).getByTestId("conflict-use-other"));
    await waitFor(() => expect(backend.lastCallTo("settle_conflict")).toEqual({ id: "k1", choice: "other" }));
    await waitFor(() => expect(screen.getAllByTestId("conflict")).toHaveLength(1));
    expect(screen.getByTestId("conflict").dataset.conflictId).toBe("k2");
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("Took the other claim statement: Ukraine may drop its NATO bid");
    await waitFor(() => expect(screen.getByTestId("queue-count-merge-conflicts").textContent).toBe("1"));

    await fireEvent.click(within(notice).getByTestId("notice-action"));
    await waitFor(() => expect(backend.callsTo("undo")).toEqual([{ writeId: null }]));

    await fireEvent.click(within(screen.getByTestId("conflict")).getByTestId("conflict-keep"));
    await waitFor(() => expect(backend.lastCallTo("settle_conflict")).toEqual({ id: "k2", choice: "kept" }));
    expect(await screen.findByTestId("conflicts-empty")).toBeTruthy();
  });

  test("a refused settle shows the reason beside the conflict, which stays", async () => {
    setup({
      queue_counts: counts(1),
      merge_conflicts: () => [conflict()],
      settle_conflict: () => {
        throw { code: "invalid_input", message: "The claim's statement was changed after the merge; settle it by editing it, or keep it." };
      },
    });
    await fireEvent.click(await screen.findByTestId("queue-merge-conflicts"));
    const item = await screen.findByTestId("conflict");
    await fireEvent.click(within(item).getByTestId("conflict-use-other"));
    expect((await within(item).findByTestId("conflict-refusal")).textContent).toContain("was changed after the merge");
    expect(screen.getAllByTestId("conflict")).toHaveLength(1);
    expect(screen.queryByTestId("notice")).toBeNull();
  });

  test("the subject of a claim's conflict opens the claim; Show settled lists who settled what", async () => {
    const settled = conflict({ id: "k9", settled_by: "Dana Okafor", settled_at: "2025-12-16T10:00:00Z", settled_with: "other" });
    const { backend } = setup({
      queue_counts: counts(1),
      merge_conflicts: (args) => (args.settled ? [conflict(), settled] : [conflict()]),
      get_claim: () => claim({ id: "c1" }),
    });
    await fireEvent.click(await screen.findByTestId("queue-merge-conflicts"));
    await fireEvent.click(within(await screen.findByTestId("conflict")).getByTestId("conflict-subject"));
    await waitFor(() => expect(backend.lastCallTo("get_claim")).toEqual({ id: "c1" }));

    await fireEvent.click(screen.getByTestId("conflicts-show-settled"));
    await waitFor(() => expect(screen.getAllByTestId("conflict")).toHaveLength(2));
    expect(backend.lastCallTo("merge_conflicts")).toEqual({ settled: true });
    const done = screen.getAllByTestId("conflict")[1];
    expect(within(done).getByTestId("conflict-settled").textContent).toContain("Dana Okafor took the value set aside");
    expect(within(done).queryByTestId("conflict-keep"), "a settled conflict has no buttons").toBeNull();
  });

  test("with none left the view says what would be there", async () => {
    const { app } = setup();
    await screen.findByTestId("library-item");
    app.bundles.openConflicts();
    expect((await screen.findByTestId("conflicts-empty")).textContent).toContain("No conflicts to settle");
  });
});

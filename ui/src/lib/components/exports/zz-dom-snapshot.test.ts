// TEMPORARY (deleted after the refactor): dumps the Export dialog's markup in many states to compare before/after.
import { test, expect } from "vitest";
import { writeFileSync } from "node:fs";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { AppState } from "../../app.svelte";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, summary } from "../../../tests/fixtures";
import type { ClaimInfo } from "../../bindings/ClaimInfo";

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;
const out: string[] = [];
const norm = (html: string) =>
  html
    .replace(/\s*svelte-[a-z0-9]+/g, "")
    .replace(/ class=""/g, "")
    .replace(/dialog-title-[a-z0-9]+/g, "dialog-title-X");
function snap(name: string) {
  const d = screen.getByTestId("export-dialog");
  const state = [...d.querySelectorAll("input, select")]
    .map((el) => {
      const i = el as HTMLInputElement;
      return `${i.dataset.testid ?? i.getAttribute("aria-label") ?? i.name}=${i.type === "radio" || i.type === "checkbox" ? i.checked : i.value}${i.disabled ? "(disabled)" : ""}`;
    })
    .join(" | ");
  out.push(`=== ${name}\n${norm(d.outerHTML)}\n--- state: ${state}\n--- focus: ${(document.activeElement as HTMLElement)?.outerHTML?.slice(0, 120)}`);
}

function setup(extra: Handlers = {}, storylines = true) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const c1: ClaimInfo = claim({ id: "c1", appearances: [appearance({ id: "ap1", claim_id: "c1", article_id: "a1" })] });
  const backend = fakeBackend([summary({ id: "a1", outlet: "ANI" })], {
    get_claim: () => c1,
    article_appearances: () => c1.appearances,
    list_claims: () => [{ ...c1 }],
    list_links: () => [],
    list_persons: () => [{ id: "p1", name: "Zelenskyy", aliases: [], claims: 1 }],
    list_storylines: () =>
      storylines ? [{ id: "s1", name: "NATO bid", description: null, claim_ids: ["c1"], created_at: "2025-12-15T10:00:00Z" }] : [],
    export_preview: (args) => {
      const req = args.request as { format: string; options: { filter?: { tag?: string; from?: string } } };
      const format = req.format;
      if (req.options.filter?.from === "2025-02-30") throw { code: "invalid_input", message: "not a date" };
      const none = req.options.filter?.tag === "none";
      return {
        content: format === "html" ? "<p>r</p>" : format === "claimreview" ? "[]" : "a,b\n1,2",
        truncated: format === "json",
        claims: none ? 0 : 3,
        appearances: none ? 0 : 7,
        file_name: `nato-bid.${format}`,
        notes: format === "timelinejs" ? ["note <b>one</b>", "note two"] : [],
      };
    },
    ...extra,
  });
  const app = new AppState();
  render(App, { props: { app } });
  return { backend, app };
}

const settle = async (dialog: HTMLElement) => {
  await waitFor(() => expect(dialog.querySelector('[role="status"][aria-label="Preparing the preview"]')).toBeNull());
  await new Promise((r) => setTimeout(r, 50));
};

test("dump", async () => {
  let answer: () => unknown = () => "/home/r/nato-bid.html";
  const { app } = setup({ export_to_file: () => answer() });
  await screen.findByTestId("library-item");
  await waitFor(() => expect(app.outlets.length).toBeGreaterThan(0));
  await fireEvent.keyDown(document.body, { key: "e", ctrlKey: true });
  const dialog = await screen.findByTestId("export-dialog");
  snap("opened-loading");
  await within(dialog).findByTestId("export-preview-html");
  await settle(dialog);
  snap("html");
  for (const f of ["csv", "timelinejs", "timelinejs-csv", "claimreview", "annotations", "md", "json"]) {
    await fireEvent.click(within(dialog).getByTestId(`export-format-${f}`));
    snap(`${f}-loading`);
    await settle(dialog);
    snap(f);
  }
  await fireEvent.click(within(dialog).getByTestId("export-format-html"));
  await fireEvent.click(within(dialog).getByTestId("export-scope-person"));
  snap("person-empty");
  await fireEvent.input(within(dialog).getByTestId("export-person"), { target: { value: "Zelenskyy" } });
  await settle(dialog);
  snap("person");
  await fireEvent.click(within(dialog).getByTestId("export-scope-storyline"));
  await settle(dialog);
  snap("storyline");
  await fireEvent.click(within(dialog).getByTestId("export-scope-workspace"));
  await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
  snap("filters-open");
  await fireEvent.input(within(dialog).getByTestId("export-filter-text"), { target: { value: "NATO" } });
  await fireEvent.change(within(dialog).getByTestId("export-filter-outlet"), { target: { value: "ANI" } });
  await fireEvent.change(within(dialog).getByTestId("export-filter-verdict"), { target: { value: "mostly_false" } });
  await fireEvent.input(within(dialog).getByTestId("export-filter-from"), { target: { value: "2025-12" } });
  snap("date-unfinished");
  const pub = within(dialog).getByTestId("export-filter-date-by").querySelector('[data-by="published"]') as HTMLElement;
  await fireEvent.keyDown(pub, { key: "ArrowRight" });
  snap("date-by-key");
  out.push(`active: ${(document.activeElement as HTMLElement)?.dataset.by}`);
  await fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
  out.push(`active: ${(document.activeElement as HTMLElement)?.dataset.by}`);
  await fireEvent.click(pub);
  await fireEvent.input(within(dialog).getByTestId("export-filter-from"), { target: { value: "2025-02-30" } });
  await settle(dialog);
  snap("preview-error");
  await fireEvent.input(within(dialog).getByTestId("export-filter-from"), { target: { value: "2025-12-01" } });
  await fireEvent.input(within(dialog).getByTestId("export-filter-tag"), { target: { value: "none" } });
  await settle(dialog);
  snap("no-claims-filtered");
  await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
  snap("filters-folded");
  await fireEvent.click(within(dialog).getByTestId("export-clear-filters"));
  await settle(dialog);
  snap("cleared");
  const save = within(dialog).getByTestId("export-save") as HTMLButtonElement;
  await fireEvent.click(save);
  await within(dialog).findByTestId("export-saved");
  snap("saved");
  answer = () => {
    throw { code: "internal", message: "Permission denied" };
  };
  await fireEvent.click(save);
  await within(dialog).findByTestId("export-save-error");
  snap("save-error");
  writeFileSync(process.env.SNAP_OUT ?? "/tmp/snap.txt", out.join("\n\n"));
});

test("dump2: claim, search, no storylines", async () => {
  out.length = 0;
  const { app } = setup({}, false);
  await screen.findByTestId("library-item");
  await app.claims.show("c1");
  app.search.text = "guarantees";
  app.search.filters = { ...app.search.filters, claimant: "Zelenskyy", outlet: "ANI", from: "2025-12-14", dateBy: "published" };
  await fireEvent.click(await screen.findByTestId("claim-export"));
  const dialog = await screen.findByTestId("export-dialog");
  await settle(dialog);
  snap("claim");
  await fireEvent.click(within(dialog).getByTestId("export-filters-toggle"));
  snap("search-button");
  await fireEvent.click(within(dialog).getByTestId("export-use-search"));
  await settle(dialog);
  snap("used-search");
  await fireEvent.click(within(dialog).getByTestId("export-scope-workspace"));
  await fireEvent.click(within(dialog).getByTestId("export-format-claimreview"));
  await settle(dialog);
  snap("claimreview-no-approved");
  writeFileSync((process.env.SNAP_OUT ?? "/tmp/snap.txt") + ".2", out.join("\n\n"));
});

test("dump3: empty", async () => {
  out.length = 0;
  const backend = fakeBackend([]);
  render(App, { props: { app: new AppState() } });
  await waitFor(() => expect(backend.callsTo("library").length).toBeGreaterThan(0));
  await fireEvent.keyDown(document.body, { key: "e", ctrlKey: true });
  await screen.findByTestId("export-empty");
  snap("empty");
  writeFileSync((process.env.SNAP_OUT ?? "/tmp/snap.txt") + ".3", out.join("\n\n"));
});

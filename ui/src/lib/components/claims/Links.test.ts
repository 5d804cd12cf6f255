// The Links section of the claim inspector against a fake shell: each link
// phrased from this claim's side, picking the other claim by search as you
// type, the relation and its direction, the note, removal with Undo, and
// opening the other claim.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { AppState } from "../../app.svelte";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, summary } from "../../../tests/fixtures";
import { brief, claimHit, link, results } from "../../../tests/trail";
import type { LinkInfo } from "../../bindings/LinkInfo";

const article = summary({ id: "a1" });
const c1 = claim({ id: "c1", appearances: [appearance({ id: "ap1", claim_id: "c1", article_id: "a1" })] });
const c2 = claim({
  id: "c2",
  statement: "Ukraine will never give up its NATO goal",
  appearances: [appearance({ id: "ap2", claim_id: "c2", article_id: "a1", start: 5, end: 9 })],
});

function setup(links: LinkInfo[] = []) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const store = [...links];
  const backend = fakeBackend([article], {
    get_claim: (a) => (a.id === "c2" ? c2 : c1),
    article_appearances: () => [...c1.appearances, ...c2.appearances],
    list_claims: () => [c1, c2],
    list_storylines: () => [],
    list_links: (a) => store.filter((l) => (a.claimId === "c1" ? true : a.claimId === l.to_claim_id)),
    search: () =>
      results({
        claims: [
          claimHit({ id: "c1" }),
          {
            claim: brief({ id: "c2", statement: "Ukraine will never give up its NATO goal" }),
            snippet: [
              { text: "Ukraine will never give up its ", hit: false },
              { text: "NATO", hit: true },
              { text: " goal", hit: false },
            ],
            score: 1,
          },
        ],
      }),
    create_link: (a) => {
      const f = a.fields as { from_claim_id: string; to_claim_id: string; relation: LinkInfo["relation"]; note?: string };
      const made = link({ id: `l-${store.length + 1}`, ...f, note: f.note ?? null });
      store.push(made);
      return made;
    },
    delete_link: (a) => {
      store.splice(
        store.findIndex((l) => l.id === a.id),
        1,
      );
      return null;
    },
  });
  const app = new AppState();
  render(App, { props: { app } });
  return { backend, app, store };
}

async function openClaim(app: AppState, id = "c1") {
  await screen.findByTestId("library-item");
  await app.claims.show(id);
  return screen.findByTestId("claim-links");
}

describe("links in the claim inspector", () => {
  test("each link reads from this claim's side, with the other claim, the note and who made it", async () => {
    const { app } = setup([
      link({ id: "l1", relation: "updates", outgoing: true, note: "Yermak walked it back" }),
      link({ id: "l2", relation: "updates", outgoing: false, from_claim_id: "c3", to_claim_id: "c1", other: brief({ id: "c3", statement: "Later claim" }) }),
      link({ id: "l3", relation: "contradicts", outgoing: false, from_claim_id: "c4", to_claim_id: "c1", other: brief({ id: "c4", statement: "Rival claim" }) }),
    ]);
    const section = await openClaim(app);
    const items = await within(section).findAllByTestId("link-item");
    expect(items.map((i) => within(i).getByTestId("link-relation-text").textContent)).toEqual([
      "updates / supersedes →",
      "← updated / superseded by",
      "contradicts",
    ]);
    expect(items[0].textContent).toContain("Ukraine will never give up its NATO goal");
    expect(items[0].textContent).toContain("Yermak walked it back");
    expect(items[0].textContent).toContain("Reporter");
  });

  test("Link to claim: search as you type, pick, choose the relation, add a note", async () => {
    const { app, backend } = setup();
    const section = await openClaim(app);
    await fireEvent.click(within(section).getByTestId("link-add"));
    const search = within(section).getByTestId("link-search");
    await fireEvent.input(search, { target: { value: "nato go" } });
    const hits = await within(section).findAllByTestId("link-hit");
    expect(backend.lastCallTo("search")).toEqual({ query: { text: "nato go", limit: 9 } });
    expect(hits, "the open claim is not offered").toHaveLength(1);
    expect(hits[0].querySelector("mark")?.textContent).toBe("NATO");

    await fireEvent.keyDown(search, { key: "Enter" });
    expect(within(section).getByTestId("link-picked").textContent).toContain("Ukraine will never give up its NATO goal");
    await fireEvent.change(within(section).getByTestId("link-relation"), { target: { value: "contradicts:out" } });
    expect(within(section).getByTestId("link-sentence").textContent).toContain("This claim contradicts");
    await fireEvent.input(within(section).getByTestId("link-note"), { target: { value: " Same day, opposite line " } });
    await fireEvent.click(within(section).getByTestId("link-save"));

    await waitFor(() =>
      expect(backend.callsTo("create_link")).toEqual([
        { fields: { from_claim_id: "c1", to_claim_id: "c2", relation: "contradicts", note: "Same day, opposite line" } },
      ]),
    );
    expect(await within(section).findByTestId("link-item")).toBeTruthy();
  });

  test("the other claim can be the one that updates this one", async () => {
    const { app, backend } = setup();
    const section = await openClaim(app);
    await fireEvent.click(within(section).getByTestId("link-add"));
    await fireEvent.input(within(section).getByTestId("link-search"), { target: { value: "nato" } });
    await fireEvent.click(await within(section).findByTestId("link-hit"));
    await fireEvent.change(within(section).getByTestId("link-relation"), { target: { value: "updates:in" } });
    expect(within(section).getByTestId("link-sentence").textContent).toMatch(/NATO goal” updates \/ supersedes this claim/);
    await fireEvent.click(within(section).getByTestId("link-save"));
    await waitFor(() =>
      expect(backend.lastCallTo("create_link"), "the other claim is the `from` side").toEqual({
        fields: { from_claim_id: "c2", to_claim_id: "c1", relation: "updates" },
      }),
    );
  });

  test("the relation select offers all seven relations with human labels", async () => {
    const { app } = setup();
    const section = await openClaim(app);
    await fireEvent.click(within(section).getByTestId("link-add"));
    const select = within(section).getByTestId("link-relation") as HTMLSelectElement;
    const forward = [...select.querySelectorAll("optgroup")[0].querySelectorAll("option")].map((o) => o.textContent);
    expect(forward).toEqual([
      "same claim as",
      "supports",
      "contradicts",
      "updates / supersedes",
      "retracts",
      "clarifies",
      "responds to",
    ]);
  });

  test("Link waits for the other claim to be picked", async () => {
    const { app } = setup();
    const section = await openClaim(app);
    await fireEvent.click(within(section).getByTestId("link-add"));
    expect((within(section).getByTestId("link-save") as HTMLButtonElement).disabled).toBe(true);
  });

  test("Remove deletes the link; Undo makes the same link again", async () => {
    const { app, backend } = setup([link({ id: "l1", relation: "updates", note: "walked back", related_at: "2025-12-16" })]);
    const section = await openClaim(app);
    await fireEvent.click(await within(section).findByTestId("link-remove"));
    await waitFor(() => expect(backend.callsTo("delete_link")).toEqual([{ id: "l1" }]));
    await waitFor(() => expect(within(section).queryByTestId("link-item")).toBeNull());

    await fireEvent.click(await screen.findByTestId("notice-action"));
    await waitFor(() =>
      expect(backend.callsTo("create_link")).toEqual([
        { fields: { from_claim_id: "c1", to_claim_id: "c2", relation: "updates", note: "walked back", related_at: "2025-12-16" } },
      ]),
    );
    await within(section).findByTestId("link-item");
  });

  test("clicking the other claim opens it", async () => {
    const { app } = setup([link()]);
    const section = await openClaim(app);
    await fireEvent.click(await within(section).findByTestId("link-other"));
    await waitFor(() => expect(screen.getByTestId("claim-detail").dataset.claimId).toBe("c2"));
  });
});

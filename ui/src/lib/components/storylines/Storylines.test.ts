// Storylines against a fake shell that keeps them in memory: the list and
// its empty state, create, rename, delete with Undo, the page with each
// claim's status, reordering (buttons and Alt+↑/↓), removal with Undo, and
// adding a claim from the claim inspector.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { AppState } from "../../app.svelte";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, summary, meaningOn } from "../../../tests/fixtures";
import { brief, fakeStorylines } from "../../../tests/trail";

const article = summary({ id: "a1" });
const briefs = [
  brief({ id: "c1", statement: "First claim", review_state: "approved", verdict: "mostly_false", appearances: 3 }),
  brief({ id: "c2", statement: "Second claim", claimant: "Andriy Yermak", first_stated_at: "2025-12-15T09:00:00+02:00" }),
  brief({ id: "c3", statement: "Third claim" }),
];
const berlin = {
  id: "s1",
  name: "Berlin talks, Dec 2025",
  description: "What was said around the Berlin meetings",
  claim_ids: ["c1", "c2", "c3"],
  created_at: "2025-12-15T10:00:00Z",
};
const theClaim = claim({ id: "c2", statement: "Second claim", appearances: [appearance({ id: "ap2", claim_id: "c2", article_id: "a1" })] });

function setup(initial = [berlin], handlers: Parameters<typeof fakeBackend>[1] = {}) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const fake = fakeStorylines(briefs, initial);
  const backend = fakeBackend([article], {
    ...fake.handlers,
    get_claim: () => theClaim,
    article_appearances: () => theClaim.appearances,
    list_claims: () => [theClaim],
    list_links: () => [],
    find_matches: () => ({ hits: [], related: [], meaning: meaningOn }),
    timeline: () => ({ points: [], links: [] }),
    ...handlers,
  });
  const app = new AppState();
  render(App, { props: { app } });
  return { backend, fake, app };
}

async function openList() {
  await screen.findByTestId("library-item");
  await fireEvent.click(screen.getByTestId("storylines-button"));
  return screen.findByTestId("storylines-view");
}

async function openBerlin() {
  await openList();
  await fireEvent.click(await screen.findByTestId("storyline-row"));
  const page = await screen.findByTestId("storyline-page");
  await within(page).findAllByTestId("storyline-claim");
  return page;
}

const order = () => screen.getAllByTestId("storyline-claim").map((li) => li.dataset.claimId);

async function undo() {
  await fireEvent.click(await screen.findByTestId("notice-action"));
}

describe("the storylines list", () => {
  test("lists each storyline with its name and claim count", async () => {
    setup();
    await openList();
    const row = await screen.findByTestId("storyline-row");
    expect(row.textContent).toContain("Berlin talks, Dec 2025");
    expect(row.textContent).toContain("3 claims");
  });

  test("with none, explains what a storyline is and how to start one", async () => {
    setup([]);
    const view = await openList();
    const empty = await within(view).findByTestId("storylines-empty");
    expect(empty.textContent).toContain("Add to storyline");
  });

  test("New storyline creates one with its description and opens its page", async () => {
    const { backend } = setup([]);
    await openList();
    await fireEvent.click(screen.getByTestId("storyline-new"));
    await fireEvent.input(screen.getByTestId("storyline-name"), { target: { value: "  Kremlin reactions " } });
    await fireEvent.input(screen.getByTestId("storyline-description"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("storyline-create"));
    await waitFor(() =>
      expect(backend.callsTo("create_storyline"), "trimmed, and an empty description is none").toEqual([
        { name: "Kremlin reactions", description: null },
      ]),
    );
    const page = await screen.findByTestId("storyline-page");
    expect((await within(page).findByTestId("storyline-name-text")).textContent).toBe("Kremlin reactions");
    expect(within(page).getByTestId("storyline-empty")).toBeTruthy();
  });

  test("a storyline needs a name", async () => {
    const { backend } = setup([]);
    await openList();
    await fireEvent.click(screen.getByTestId("storyline-new"));
    await fireEvent.click(screen.getByTestId("storyline-create"));
    expect((await screen.findByRole("alert")).textContent).toContain("Give the storyline a name.");
    expect(backend.callsTo("create_storyline")).toEqual([]);
  });
});

describe("a storyline's page", () => {
  test("lists its claims in order with review state, verdict, appearances and first stated time", async () => {
    const page = await (async () => {
      setup();
      return openBerlin();
    })();
    expect(order()).toEqual(["c1", "c2", "c3"]);
    const [first, second] = within(page).getAllByTestId("storyline-claim");
    expect(first.textContent).toContain("First claim");
    expect(first.textContent).toContain("Approved");
    expect(first.textContent).toContain("Mostly false");
    expect(first.textContent).toContain("3 appearances");
    expect(second.textContent).toContain("Andriy Yermak");
    expect(second.textContent).toContain("Unreviewed");
    expect(second.textContent).toContain("no verdict");
    expect(second.textContent).toContain("first stated 15 Dec 2025");
  });

  test("the arrow buttons reorder, and the order goes to the core", async () => {
    const { backend } = setup();
    await openBerlin();
    const [first] = screen.getAllByTestId("storyline-claim");
    expect((within(first).getByTestId("storyline-claim-up") as HTMLButtonElement).disabled, "the first cannot go up").toBe(true);
    await fireEvent.click(within(first).getByTestId("storyline-claim-down"));
    await waitFor(() => expect(order()).toEqual(["c2", "c1", "c3"]));
    expect(backend.lastCallTo("reorder_storyline")).toEqual({ storylineId: "s1", claimIds: ["c2", "c1", "c3"] });
  });

  test("Alt+↑ and Alt+↓ move the focused claim and keep the focus on it", async () => {
    const { backend } = setup();
    await openBerlin();
    const third = screen.getAllByTestId("storyline-claim-open")[2];
    third.focus();
    await fireEvent.keyDown(third, { key: "ArrowUp", altKey: true });
    await waitFor(() => expect(order()).toEqual(["c1", "c3", "c2"]));
    expect(backend.lastCallTo("reorder_storyline")).toEqual({ storylineId: "s1", claimIds: ["c1", "c3", "c2"] });
    await waitFor(() => expect(document.activeElement?.id).toBe("storyline-claim-c3"));
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown", altKey: true });
    await waitFor(() => expect(order()).toEqual(["c1", "c2", "c3"]));
  });

  test("a failed reorder puts the order back as the core has it", async () => {
    setup([berlin], {
      reorder_storyline: () => {
        throw { code: "internal", message: "The workspace is locked." };
      },
    });
    await openBerlin();
    await fireEvent.click(within(screen.getAllByTestId("storyline-claim")[0]).getByTestId("storyline-claim-down"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("The workspace is locked.");
    await waitFor(() => expect(order()).toEqual(["c1", "c2", "c3"]));
  });

  test("Remove takes a claim out; Undo puts it back in its place", async () => {
    const { backend, fake } = setup();
    await openBerlin();
    await fireEvent.click(within(screen.getAllByTestId("storyline-claim")[1]).getByTestId("storyline-claim-remove"));
    await waitFor(() => expect(order()).toEqual(["c1", "c3"]));
    expect(backend.lastCallTo("remove_from_storyline")).toEqual({ storylineId: "s1", claimId: "c2" });

    await undo();
    await waitFor(() => expect(order(), "back between the first and the third").toEqual(["c1", "c2", "c3"]));
    expect(fake.store[0].claim_ids).toEqual(["c1", "c2", "c3"]);
  });

  test("Rename changes the name and the description", async () => {
    const { backend } = setup();
    const page = await openBerlin();
    await fireEvent.click(within(page).getByTestId("storyline-rename"));
    const name = within(page).getByTestId("storyline-rename-name") as HTMLInputElement;
    expect(name.value).toBe("Berlin talks, Dec 2025");
    await fireEvent.input(name, { target: { value: "Berlin talks" } });
    await fireEvent.click(within(page).getByTestId("storyline-rename-save"));
    await waitFor(() =>
      expect(backend.lastCallTo("update_storyline")).toEqual({
        id: "s1",
        name: "Berlin talks",
        description: "What was said around the Berlin meetings",
      }),
    );
    await waitFor(() => expect(within(page).getByTestId("storyline-name-text").textContent).toBe("Berlin talks"));
  });

  test("Delete asks first; Undo makes it again with the same claims in order", async () => {
    const { backend, fake } = setup();
    const page = await openBerlin();
    await fireEvent.click(within(page).getByTestId("storyline-delete"));
    expect((await screen.findByTestId("confirm-message")).textContent).toContain("Its 3 claims stay");
    await fireEvent.click(screen.getByTestId("confirm-button"));
    await waitFor(() => expect(backend.callsTo("delete_storyline")).toEqual([{ id: "s1" }]));
    await screen.findByTestId("storylines-empty");

    await undo();
    await waitFor(() => expect(fake.store).toHaveLength(1));
    expect(fake.store[0].name).toBe("Berlin talks, Dec 2025");
    expect(fake.store[0].description).toBe("What was said around the Berlin meetings");
    await waitFor(() => expect(fake.store[0].claim_ids).toEqual(["c1", "c2", "c3"]));
    expect(await screen.findByTestId("storyline-page"), "the list view opens the storyline again").toBeTruthy();
  });

  test("a claim opens beside its article with the claim in the inspector", async () => {
    setup();
    await openBerlin();
    await fireEvent.click(screen.getAllByTestId("storyline-claim-open")[1]);
    expect((await screen.findByTestId("claim-detail")).dataset.claimId).toBe("c2");
    expect(screen.queryByTestId("storyline-page")).toBeNull();
  });

  test("Find everywhere looks for the words of all its claims", async () => {
    const { app, backend } = setup();
    const page = await openBerlin();
    await fireEvent.click(within(page).getByTestId("storyline-find"));
    await waitFor(() => expect(backend.callsTo("find_matches")).toEqual([{ scope: { storyline: "s1" } }]));
    expect(app.view.kind).toBe("find");
  });

  test("Timeline opens the storyline's timeline", async () => {
    const { app } = setup();
    await openBerlin();
    await fireEvent.click(screen.getByTestId("storyline-timeline"));
    expect(app.view).toEqual({ kind: "timeline", scope: { storyline: "s1" } });
  });
});

describe("storylines in the claim inspector", () => {
  async function openClaim(app: AppState) {
    await screen.findByTestId("library-item");
    await app.claims.show("c2");
    return screen.findByTestId("claim-storylines");
  }

  test("lists the storylines a claim belongs to; one opens its page", async () => {
    const { app } = setup();
    const section = await openClaim(app);
    const chip = await within(section).findByTestId("claim-storyline");
    expect(chip.textContent).toContain("Berlin talks, Dec 2025");
    await fireEvent.click(within(chip).getByRole("button", { name: "Berlin talks, Dec 2025" }));
    expect((await screen.findByTestId("storyline-page")).dataset.storylineId).toBe("s1");
  });

  test("Add to storyline adds to an existing one", async () => {
    const { app, backend } = setup([{ ...berlin, claim_ids: ["c1"] }]);
    const section = await openClaim(app);
    await fireEvent.click(within(section).getByTestId("storyline-add"));
    await fireEvent.click(await within(section).findByTestId("storyline-pick"));
    await waitFor(() => expect(backend.callsTo("add_to_storyline")).toEqual([{ storylineId: "s1", claimId: "c2" }]));
    await within(section).findByTestId("claim-storyline");
    expect(screen.getByTestId("notice").textContent).toContain("Added to “Berlin talks, Dec 2025”");
  });

  test("Add to storyline can create a new one with the claim in it", async () => {
    const { app, backend, fake } = setup([]);
    const section = await openClaim(app);
    await fireEvent.click(within(section).getByTestId("storyline-add"));
    await fireEvent.input(await within(section).findByTestId("storyline-new-name"), { target: { value: "Kremlin reactions" } });
    await fireEvent.click(within(section).getByTestId("storyline-new-create"));
    await waitFor(() => expect(fake.store.map((s) => [s.name, s.claim_ids])).toEqual([["Kremlin reactions", ["c2"]]]));
    expect(backend.callsTo("create_storyline")).toEqual([{ name: "Kremlin reactions", description: null }]);
    expect((await within(section).findByTestId("claim-storyline")).textContent).toContain("Kremlin reactions");
  });

  test("× takes the claim out of that storyline, with Undo", async () => {
    const { app, fake } = setup();
    const section = await openClaim(app);
    const chip = await within(section).findByTestId("claim-storyline");
    await fireEvent.click(within(chip).getByRole("button", { name: "Remove from “Berlin talks, Dec 2025”" }));
    await waitFor(() => expect(within(section).queryByTestId("claim-storyline")).toBeNull());
    await undo();
    await waitFor(() => expect(fake.store[0].claim_ids).toEqual(["c1", "c2", "c3"]));
    await within(section).findByTestId("claim-storyline");
  });
});

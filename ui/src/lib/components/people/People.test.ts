// People and the workspace against a fake shell: the first-launch question,
// switching users, review queues, the activity feed, Undo/Redo from the
// keyboard, and outlets' credibility.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { fakeBackend } from "../../../tests/backend";
import { claim, summary, workspace } from "../../../tests/fixtures";
import type { UserInfo } from "../../bindings/UserInfo";
import type { HistoryEntry } from "../../bindings/HistoryEntry";
import type { OutletInfo } from "../../bindings/OutletInfo";

const dana: UserInfo = { id: "u1", name: "Dana Okafor", initials: "DO", color: "#3b6ea5", active: true };
const li: UserInfo = { id: "u2", name: "Li Wei", initials: "LW", color: "#b5523b", active: false };

/** A backend whose users change as the app adds and switches them. */
function people(initial: UserInfo[]) {
  let users = initial.map((u) => ({ ...u }));
  const info = () => ({ ...workspace, users, user: users.find((u) => u.active) ?? null });
  return {
    handlers: {
      workspace_info: () => info(),
      list_users: () => users,
      add_user: (args: Record<string, unknown>) => {
        const added: UserInfo = {
          id: `u${users.length + 1}`,
          name: String(args.name),
          initials: (args.initials as string | null) ?? "DO",
          color: (args.color as string | null) ?? "#3b6ea5",
          active: users.length === 0,
        };
        users = [...users, added];
        return added;
      },
      switch_user: (args: Record<string, unknown>) => {
        users = users.map((u) => ({ ...u, active: u.id === args.id }));
        return users.find((u) => u.id === args.id);
      },
    },
    info,
  };
}

function event(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    seq: 12,
    id: "e12",
    write_id: "w12",
    actor: dana,
    at: "2025-12-15T10:00:00Z",
    entity: "claim",
    entity_id: "c1",
    action: "create",
    summary: "marked the claim “Ukraine would drop its NATO bid”",
    before: null,
    after: null,
    undoes: null,
    ...overrides,
  };
}

describe("first launch", () => {
  test("asks who you are before anything else works, then creates the profile", async () => {
    const p = people([]);
    const backend = fakeBackend([summary()], p.handlers);
    render(App);

    const dialog = await screen.findByTestId("who-are-you");
    expect(dialog.textContent, "it says why it asks").toMatch(/attributed/);
    expect(dialog.textContent, "and that more people can be added").toMatch(/add\s+more people later/);
    const win = () => document.querySelector<HTMLElement & { inert: boolean }>(".window")!;
    expect(win().inert, "the window behind cannot be used").toBe(true);
    await fireEvent.keyDown(document.body, { key: "?" });
    expect(screen.queryByText("Keyboard shortcuts"), "nor its shortcuts").toBeNull();
    expect(within(dialog).queryByLabelText("Close"), "the question has no close button").toBeNull();

    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByTestId("who-are-you"), "Esc does not dismiss it").not.toBeNull();

    await fireEvent.click(screen.getByTestId("who-submit"));
    expect(await screen.findByTestId("who-error"), "an empty name is refused in the form").toBeTruthy();
    expect(backend.callsTo("add_user")).toHaveLength(0);

    await fireEvent.input(screen.getByTestId("who-name"), { target: { value: "Dana Okafor" } });
    expect(screen.getByTestId("who-preview").textContent, "the avatar preview follows the name").toContain("DO");
    await fireEvent.click(screen.getByTestId("who-submit"));

    await waitFor(() => expect(screen.queryByTestId("who-are-you")).toBeNull());
    expect(backend.callsTo("add_user")[0], "empty initials are left to the core; the previewed colour is sent").toEqual({
      name: "Dana Okafor",
      initials: null,
      color: "#3b6ea5",
    });
    expect(win().inert).toBe(false);
    await waitFor(() => expect(screen.getByTestId("user-menu").textContent).toContain("Dana Okafor"));
    await waitFor(() => expect(backend.callsTo("queue_counts").length, "the queues load once someone works").toBeGreaterThan(0));
  });

  test("a workspace opened later without users asks again", async () => {
    const backend = fakeBackend([summary()], { workspace_info: () => ({ ...workspace, user: dana, users: [dana] }) });
    render(App);
    await screen.findAllByTestId("library-item");
    expect(screen.queryByTestId("who-are-you")).toBeNull();

    await backend.emit("workspace-changed", { ...workspace, path: "/tmp/other.claimtrail", user: null, users: [] });
    expect(await screen.findByTestId("who-are-you")).toBeTruthy();
  });
});

describe("switching users", () => {
  test("the menu lists everyone, checks the active one, and a click switches and reloads", async () => {
    const p = people([dana, li]);
    const backend = fakeBackend([summary()], p.handlers);
    render(App);
    await waitFor(() => expect(screen.getByTestId("user-menu").textContent).toContain("Dana Okafor"));
    const countsBefore = backend.callsTo("queue_counts").length;
    const recentBefore = backend.callsTo("recent_changes").length;

    await fireEvent.click(screen.getByTestId("user-menu"));
    const items = screen.getAllByTestId("user-item");
    expect(items.map((i) => i.textContent?.trim()), "an item's text is the name alone").toEqual(["Dana Okafor", "Li Wei"]);
    expect(items[0].getAttribute("aria-checked")).toBe("true");
    expect(screen.getByTestId("user-add").textContent).toContain("Add person…");

    await fireEvent.click(items[1]);
    await waitFor(() => expect(backend.lastCallTo("switch_user")).toEqual({ id: "u2" }));
    expect((await screen.findByTestId("notice")).textContent).toContain("Now working as Li Wei");
    await waitFor(() => expect(screen.getByTestId("user-menu").textContent).toContain("Li Wei"));
    await waitFor(() => {
      expect(backend.callsTo("queue_counts").length, "Assigned to me depends on who works").toBeGreaterThan(countsBefore);
      expect(backend.callsTo("recent_changes").length, "so does the undo list").toBeGreaterThan(recentBefore);
    });
  });

  test("Add person… adds a profile without switching to it", async () => {
    const p = people([dana]);
    const backend = fakeBackend([summary()], p.handlers);
    render(App);
    await waitFor(() => expect(screen.getByTestId("user-menu").textContent).toContain("Dana"));

    await fireEvent.click(screen.getByTestId("user-menu"));
    await fireEvent.click(screen.getByTestId("user-add"));
    const dialog = await screen.findByTestId("add-person");
    await fireEvent.input(within(dialog).getByTestId("add-person-name"), { target: { value: "Li Wei" } });
    await fireEvent.input(within(dialog).getByTestId("add-person-initials"), { target: { value: "lw" } });
    await fireEvent.click(within(dialog).getByRole("radio", { name: "#3f8f5a" }));
    await fireEvent.click(screen.getByTestId("add-person-submit"));

    await waitFor(() => expect(screen.queryByTestId("add-person")).toBeNull());
    expect(backend.lastCallTo("add_user")).toEqual({ name: "Li Wei", initials: "lw", color: "#3f8f5a" });
    expect(backend.callsTo("switch_user"), "adding someone does not make them the active user").toHaveLength(0);
    expect((await screen.findByTestId("notice")).textContent).toContain("Added Li Wei");
  });
});

describe("review queues", () => {
  test("show their counts and open a queue's claims in the middle pane", async () => {
    const queued = claim({ id: "c9", statement: "Talks in Berlin ended without a deal", review_state: "proposed", assignee: "Li Wei", verdict: "mostly_false" });
    const backend = fakeBackend([summary()], {
      queue_counts: () => ({ assigned_to_me: 2, needs_approval: 1, needs_reanchoring: 0, unreviewed: 5 }),
      list_claims: (args) => ((args.query as { queue?: string }).queue === "needs_approval" ? [queued] : []),
    });
    render(App);

    await waitFor(() => expect(screen.getByTestId("queue-count-assigned_to_me").textContent).toBe("2"));
    expect(screen.getByTestId("queue-count-needs_approval").textContent).toBe("1");
    expect(screen.getByTestId("queue-count-needs_reanchoring").textContent).toBe("0");
    expect(screen.getByTestId("queue-count-unreviewed").textContent).toBe("5");

    await fireEvent.click(screen.getByTestId("queue-needs_approval"));
    const row = await screen.findByTestId("queue-claim");
    expect(backend.lastCallTo("list_claims")).toEqual({ query: { queue: "needs_approval", limit: 200 } });
    expect(screen.queryByTestId("queue-filter"), "a short queue needs no narrowing").toBeNull();
    expect(row.textContent).toContain("Talks in Berlin ended without a deal");
    expect(row.textContent).toContain("Volodymyr Zelenskyy");
    expect(row.textContent).toContain("Proposed");
    expect(row.textContent).toContain("assigned to Li Wei");
    expect(row.textContent).toContain("Mostly false");

    await fireEvent.click(row);
    await waitFor(() => expect(backend.lastCallTo("get_claim"), "the claim opens the way search opens one").toEqual({ id: "c9" }));
  });

  test("a queue of 200,000 lists the newest 200, says so, and words narrow it", async () => {
    const claims = Array.from({ length: 200 }, (_, i) => claim({ id: `c${i}`, statement: `Statement number ${i}` }));
    const backend = fakeBackend([summary()], {
      queue_counts: () => ({ assigned_to_me: 0, needs_approval: 0, needs_reanchoring: 0, unreviewed: 200_000 }),
      list_claims: (args) => {
        const query = args.query as { text?: string; limit?: number };
        const matching = query.text ? claims.filter((c) => c.statement.endsWith(query.text!)) : claims;
        return matching.slice(0, query.limit ?? Infinity);
      },
    });
    render(App);
    await waitFor(() => expect(screen.getByTestId("queue-count-unreviewed").textContent).not.toBe("0"));
    await fireEvent.click(screen.getByTestId("queue-unreviewed"));

    await waitFor(() => expect(screen.getAllByTestId("queue-claim")).toHaveLength(200));
    expect(backend.lastCallTo("list_claims"), "never the whole queue").toEqual({ query: { queue: "unreviewed", limit: 200 } });
    expect(screen.getByTestId("queue-limit-note").textContent).toContain("Showing the newest 200 of 200,000");

    await fireEvent.input(screen.getByTestId("queue-filter"), { target: { value: "7" } });
    await waitFor(() =>
      expect(backend.lastCallTo("list_claims")).toEqual({ query: { queue: "unreviewed", text: "7", limit: 200 } }),
    );
    await waitFor(() => expect(screen.getAllByTestId("queue-claim")).toHaveLength(20));
    expect(screen.queryByTestId("queue-limit-note"), "all that match are shown").toBeNull();

    await fireEvent.input(screen.getByTestId("queue-filter"), { target: { value: "nothing" } });
    expect((await screen.findByTestId("queue-no-matches")).textContent).toContain("No claims in this queue match “nothing”");
    await fireEvent.click(screen.getByRole("button", { name: "Clear words" }));
    await waitFor(() => expect(screen.getAllByTestId("queue-claim")).toHaveLength(200));
  });

  test("an empty queue says what would be there", async () => {
    fakeBackend([summary()]);
    render(App);
    await fireEvent.click(await screen.findByTestId("queue-needs_approval"));
    expect((await screen.findByTestId("queue-empty")).textContent).toContain("Nothing waits for your approval");
  });

  test("app.refreshQueues() after a claim change asks for the counts again", async () => {
    let unreviewed = 0;
    const backend = fakeBackend([summary()], {
      queue_counts: () => ({ assigned_to_me: 0, needs_approval: 0, needs_reanchoring: 0, unreviewed }),
    });
    render(App);
    await waitFor(() => expect(screen.getByTestId("queue-count-unreviewed").textContent).toBe("0"));
    // A claim marked in the article: the claims list reloads, and with it the queues.
    unreviewed = 1;
    await fireEvent.click(screen.getAllByTestId("library-item")[0]);
    await waitFor(() => expect(screen.getByTestId("queue-count-unreviewed").textContent).toBe("1"));
    expect(backend.callsTo("queue_counts").length).toBeGreaterThan(1);
  });
});

describe("activity feed", () => {
  test("lists events newest first and filters by person, kind and day; Load older pages by seq", async () => {
    const page = Array.from({ length: 50 }, (_, i) =>
      event({ seq: (100 - i), id: `e${100 - i}`, summary: `change ${100 - i}` }),
    );
    page[0] = event({ seq: 100, id: "e100", action: "undo_update", summary: "undid: edited the statement" });
    const backend = fakeBackend([summary()], {
      workspace_info: () => ({ ...workspace, user: dana, users: [dana, li] }),
      activity: (args) => ((args.query as { before_seq: number | null }).before_seq === null ? page : [event({ id: "e1", seq: 1, summary: "the first change" })]),
    });
    render(App);

    await fireEvent.click(await screen.findByTestId("activity-button"));
    const entries = await screen.findAllByTestId("activity-entry");
    expect(entries).toHaveLength(50);
    expect(entries[0].textContent).toContain("Dana Okafor");
    expect(entries[0].textContent).toContain("15 Dec 2025, 11:00");
    expect(within(entries[0]).getByTestId("activity-undo").textContent, "an Undo event is marked").toContain("Undo");
    expect(backend.lastCallTo("activity")).toEqual({
      query: { user: null, entity: null, day: null, before_seq: null, limit: 50 },
    });

    await fireEvent.change(screen.getByTestId("activity-user"), { target: { value: "u2" } });
    await waitFor(() => expect((backend.lastCallTo("activity")?.query as { user: string }).user).toBe("u2"));
    await fireEvent.change(screen.getByTestId("activity-entity"), { target: { value: "verdict" } });
    await waitFor(() => expect((backend.lastCallTo("activity")?.query as { entity: string }).entity).toBe("verdict"));
    await fireEvent.change(screen.getByTestId("activity-day"), { target: { value: "2025-12-15" } });
    await waitFor(() =>
      expect(backend.lastCallTo("activity")).toEqual({
        query: { user: "u2", entity: "verdict", day: "2025-12-15", before_seq: null, limit: 50 },
      }),
    );

    await fireEvent.click(await screen.findByTestId("activity-older"));
    await waitFor(() => expect((backend.lastCallTo("activity")?.query as { before_seq: number }).before_seq, "the oldest shown").toBe(51));
    await waitFor(() => expect(screen.getAllByTestId("activity-entry")).toHaveLength(51));
  });

  test("an event a bundle brought unchecked is marked Unverified, with the reason", async () => {
    const reason = "Unverified: the first bundle signed with this colleague's key; compare its fingerprint with them (claimtrail user list).";
    fakeBackend([summary()], {
      activity: () => [event({ id: "e2", seq: 2, unverified: reason }), event({ id: "e1", seq: 1 })],
    });
    render(App);
    await fireEvent.click(await screen.findByTestId("activity-button"));
    const entries = await screen.findAllByTestId("activity-entry");
    const mark = within(entries[0]).getByTestId("unverified");
    expect(mark.textContent).toBe("Unverified");
    expect(mark.getAttribute("title")).toBe(reason);
    expect(within(entries[1]).queryByTestId("unverified"), "a checked event is not marked").toBeNull();
  });

  test("an event about a comment opens its claim", async () => {
    const backend = fakeBackend([summary()], {
      activity: () => [event({ entity: "comment", entity_id: "k1", summary: "commented “check the date”", after: { claim_id: "c7", body: "check the date" } })],
    });
    render(App);
    await fireEvent.keyDown(document.body, { key: "A", ctrlKey: true, shiftKey: true });
    const entry = await screen.findByTestId("activity-entry");
    await fireEvent.click(within(entry).getByTestId("activity-open"));
    await waitFor(() => expect(backend.lastCallTo("get_claim")).toEqual({ id: "c7" }));
  });
});

describe("undo", () => {
  test("Ctrl+Z outside text fields undoes the newest change and offers Redo; in a textarea it is left alone", async () => {
    const backend = fakeBackend([summary()], {
      undo: () => ({ write_id: "w1", at: "2025-12-15T10:00:00Z", summary: "marked the claim “X”", events: 2, blocked: null }),
      redo: () => ({ write_id: "w1", at: "2025-12-15T10:00:00Z", summary: "marked the claim “X”", events: 2, blocked: null }),
    });
    render(App);
    await screen.findAllByTestId("library-item");

    const textarea = document.createElement("textarea");
    document.body.append(textarea);
    await fireEvent.keyDown(textarea, { key: "z", ctrlKey: true });
    expect(backend.callsTo("undo"), "native text undo keeps the key").toHaveLength(0);
    textarea.remove();

    const listBefore = backend.callsTo("library").length;
    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(backend.callsTo("undo")).toEqual([{ writeId: null }]));
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("Undid: marked the claim “X”");
    await waitFor(() => expect(backend.callsTo("library").length, "what is shown reloads").toBeGreaterThan(listBefore));

    await fireEvent.click(within(notice).getByTestId("notice-action"));
    await waitFor(() => expect(backend.callsTo("redo")).toHaveLength(1));
    expect((await screen.findByTestId("notice")).textContent).toContain("Redid:");

    await fireEvent.keyDown(document.body, { key: "y", ctrlKey: true });
    await waitFor(() => expect(backend.callsTo("redo")).toHaveLength(2));
  });

  test("Undo reads the open article again, so an undone correction leaves the reader", async () => {
    const backend = fakeBackend([summary()], {
      undo: () => ({ write_id: "w2", at: "2025-12-15T10:00:00Z", summary: "corrected an article's byline", events: 1, blocked: null }),
    });
    render(App);
    await fireEvent.click((await screen.findAllByTestId("library-item"))[0]);
    await screen.findByTestId("reader-title");
    const reads = backend.callsTo("get_article").length;
    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(backend.callsTo("get_article").length).toBeGreaterThan(reads));
    expect(backend.lastCallTo("get_article")).toEqual({ id: summary().id, revision: null });
  });

  test("a refused undo shows its reason", async () => {
    fakeBackend([summary()], {
      undo: () => {
        throw { code: "invalid_input", message: "Li Wei changed this claim since; undo their change first." };
      },
    });
    render(App);
    await screen.findAllByTestId("library-item");
    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    expect((await screen.findByTestId("error-banner")).textContent).toContain("Li Wei changed this claim since");
  });

  test("recent changes each have Undo; a blocked one is disabled with its reason", async () => {
    const backend = fakeBackend([summary()], {
      recent_changes: () => [
        { write_id: "w2", at: "2025-12-15T10:05:00Z", summary: "proposed the verdict False", events: 2, blocked: null },
        { write_id: "w1", at: "2025-12-15T10:00:00Z", summary: "imported an article", events: 1, blocked: "Imports cannot be undone." },
      ],
      undo: () => ({ write_id: "w2", at: "2025-12-15T10:05:00Z", summary: "proposed the verdict False", events: 2, blocked: null }),
    });
    render(App);
    await fireEvent.click(await screen.findByTestId("activity-button"));
    await fireEvent.click(screen.getByTestId("activity-tab-mine"));
    const buttons = await screen.findAllByTestId("recent-undo");
    expect((buttons[1] as HTMLButtonElement).disabled).toBe(true);
    expect(buttons[1].title).toBe("Imports cannot be undone.");
    await fireEvent.click(buttons[0]);
    await waitFor(() => expect(backend.lastCallTo("undo")).toEqual({ writeId: "w2" }));
  });
});

describe("outlet credibility", () => {
  const ani: OutletInfo = { id: "o1", name: "ANI", kind: "wire", credibility: "credible", credibility_note: "Wire agency", articles: 1 };

  test("the reader and the library show the badge, and the dialog sets rating and note", async () => {
    let rated = ani;
    const backend = fakeBackend([summary()], {
      list_outlet_ratings: () => [rated],
      set_outlet_credibility: (args) => (rated = { ...ani, credibility: args.credibility as OutletInfo["credibility"], credibility_note: args.note as string }),
    });
    render(App);
    const row = (await screen.findAllByTestId("library-item"))[0];
    await waitFor(() => expect(within(row).getByTestId("credibility-badge").dataset.credibility).toBe("credible"));

    await fireEvent.click(row);
    const kicker = (await screen.findByTestId("reader-outlet")).parentElement!;
    await waitFor(() => expect(within(kicker).getByTestId("credibility-badge").textContent).toContain("Credible"));

    await fireEvent.click(within(kicker).getByTestId("credibility-edit"));
    const dialog = await screen.findByTestId("credibility-dialog");
    expect((within(dialog).getByTestId("credibility-note") as HTMLTextAreaElement).value).toBe("Wire agency");
    await fireEvent.click(within(dialog).getByTestId("credibility-not_credible"));
    await fireEvent.input(within(dialog).getByTestId("credibility-note"), { target: { value: "Ran a fabricated quote" } });
    await fireEvent.click(screen.getByTestId("credibility-save"));

    await waitFor(() => expect(screen.queryByTestId("credibility-dialog")).toBeNull());
    expect(backend.lastCallTo("set_outlet_credibility")).toEqual({ outlet: "ANI", credibility: "not_credible", note: "Ran a fabricated quote" });
    await waitFor(() => expect(within(kicker).getByTestId("credibility-badge").textContent).toContain("Not credible"));
  });

  test("an unknown rating shows no badge", async () => {
    fakeBackend([summary()], { list_outlet_ratings: () => [{ ...ani, credibility: "unknown" }] });
    render(App);
    await fireEvent.click((await screen.findAllByTestId("library-item"))[0]);
    await screen.findByTestId("reader-outlet");
    expect(screen.queryByTestId("credibility-badge")).toBeNull();
    expect(screen.getByTestId("credibility-edit").textContent).toContain("Rate credibility…");
  });
});

// The timeline view in the whole window, against a fake shell: T (or the
// button) on the claim in the inspector, or Timeline on a person, asks for
// the timeline; points in time order in rows by outlet or claimant, the
// first appearance marked, fallback times hollow, links drawn; the card of
// the selected point with times, chain, wording diff and conditions; the
// basis switch, zoom keys and buttons, arrows, Esc; and an empty state.
import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../../../App.svelte";
import { fakeBackend } from "../../../tests/backend";
import { appearance, claim, detail, person, summary, timelinePoint } from "../../../tests/fixtures";
import type { Timeline } from "../../bindings/Timeline";

const BODY = "Kyiv: Zelenskyy said Ukraine could drop its NATO bid.";
const article = summary({ id: "a1" });
const c1 = claim({ id: "c1", appearances: [appearance({ id: "ap1", start: 6, end: 53, exact: BODY.slice(6) })] });

const points = [
  timelinePoint({ appearance_id: "x1", outlet: "ANI", at_ms: Date.parse("2025-12-14T18:00:00+02:00"), first: true }),
  timelinePoint({
    appearance_id: "x2",
    outlet: "Reuters",
    exact: "we are ready to drop our NATO bid",
    stated_at: null,
    published_at: "2025-12-15T14:46:00+00:00",
    at: "2025-12-15T14:46:00+00:00",
    at_ms: Date.parse("2025-12-15T14:46:00+00:00"),
    at_fallback: true,
    first: false,
    attribution: [
      { name: "Volodymyr Zelenskiy", kind: "person", cue: null },
      { name: "Reuters", kind: "outlet", cue: null },
    ],
    change: {
      previous_appearance_id: "x1",
      segments: [
        { op: "equal", text: "we are ready to drop " },
        { op: "delete", text: "the" },
        { op: "insert", text: "our" },
        { op: "equal", text: " NATO bid" },
      ],
      conditions: [{ added: false, text: "if the guarantees are legally binding" }],
    },
  }),
  timelinePoint({
    appearance_id: "x3",
    claim_id: "c2",
    claimant: "Andrii Sybiha",
    statement: "Ukraine never offered to drop its NATO bid",
    outlet: "ANI",
    at_ms: Date.parse("2025-12-16T09:00:00+02:00"),
    first: true,
  }),
];
const data: Timeline = {
  title: "Claim: Ukraine would drop its NATO bid",
  by: "stated",
  points,
  links: [{ link_id: "l1", relation: "contradicts", from_claim_id: "c2", to_claim_id: "c1", from_appearance_id: "x3", to_appearance_id: "x1" }],
};

function setup(handlers: Parameters<typeof fakeBackend>[1] = {}) {
  Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
  const backend = fakeBackend([article], {
    get_article: () => detail({ ...article, body: BODY }),
    article_appearances: () => c1.appearances,
    list_claims: () => [c1],
    list_storylines: () => [],
    list_links: () => [],
    timeline: (args) => ({ ...data, by: (args.query as { by: "stated" | "published" }).by }),
    ...handlers,
  });
  render(App);
  return backend;
}

async function openTimeline() {
  await fireEvent.click(await screen.findByTestId("library-item"));
  const body = await screen.findByTestId("reader-body");
  await fireEvent.click(await within(body).findByTestId("highlight"));
  await screen.findByTestId("claim-detail");
  await fireEvent.keyDown(window, { key: "t" });
  const view = await screen.findByTestId("timeline-view");
  await waitFor(() => expect(within(view).getAllByTestId("timeline-point")).toHaveLength(3));
  return view;
}

const rowLabels = () => screen.getAllByTestId("timeline-row-label").map((r) => r.firstChild!.textContent);
const pointOutlets = () => screen.getAllByTestId("timeline-point").map((p) => p.dataset.outlet);

describe("timeline view", () => {
  test("T opens the claim's timeline: points in time order, rows by outlet, first marked, fallback hollow, links drawn", async () => {
    const backend = setup();
    const view = await openTimeline();
    expect(backend.lastCallTo("timeline")).toEqual({ query: { scope: { claim: "c1" }, by: "stated" } });
    expect(screen.queryByTestId("reader-body"), "the timeline replaces the reader").toBeNull();
    expect(view.textContent).toContain("Timeline: Claim: Ukraine would drop its NATO bid");
    expect(pointOutlets()).toEqual(["ANI", "Reuters", "ANI"]);
    const xs = screen.getAllByTestId("timeline-point").map((p) => Number(p.querySelector(".dot")!.getAttribute("cx")));
    expect(xs[0] < xs[1] && xs[1] < xs[2], "x grows with time").toBe(true);
    expect(rowLabels()).toEqual(["ANI", "Reuters"]);
    const [first, second] = screen.getAllByTestId("timeline-point");
    expect(first.querySelector(".ring"), "the first appearance has a ring").not.toBeNull();
    expect(first.textContent).toContain("first");
    expect(second.querySelector(".ring")).toBeNull();
    expect(second.classList.contains("hollow"), "a fallback time is drawn hollow").toBe(true);
    expect(screen.getByTestId("timeline-fallback-note")).toBeTruthy();
    expect(screen.getByTestId("timeline-link").textContent).toBe("contradicts");
    expect(view.querySelectorAll(".claim-line"), "the two points of c1 are joined").toHaveLength(1);
  });

  test("the card shows the quote, the times as given, the chain, the wording diff and a dropped condition; arrows step", async () => {
    setup();
    await openTimeline();
    let card = screen.getByTestId("timeline-card");
    expect(card.dataset.appearanceId, "the first point is selected to start").toBe("x1");
    expect(within(card).getByTestId("card-first")).toBeTruthy();
    await fireEvent.keyDown(window, { key: "ArrowRight" });
    card = screen.getByTestId("timeline-card");
    expect(card.dataset.appearanceId).toBe("x2");
    expect(card.textContent).toContain("we are ready to drop our NATO bid");
    expect(card.textContent).toContain("15 Dec 2025, 14:46 (UTC)");
    expect(within(card).getByTestId("card-fallback").textContent).toContain("placed at the publication time");
    expect(within(card).getByTestId("attribution-chain").textContent).toContain("Volodymyr Zelenskiy");
    const diff = within(card).getByTestId("card-diff");
    expect(diff.querySelector("del")!.textContent).toBe("the");
    expect(diff.querySelector("ins")!.textContent).toBe("our");
    expect(within(card).getByTestId("card-condition").textContent).toContain("Condition dropped: if the guarantees are legally binding");
    await fireEvent.keyDown(window, { key: "ArrowRight" });
    await fireEvent.keyDown(window, { key: "ArrowRight" });
    expect(screen.getByTestId("timeline-card").dataset.appearanceId, "the last point stays selected at the end").toBe("x3");
    await fireEvent.click(screen.getAllByTestId("timeline-point")[0].querySelector(".dot")!);
    expect(screen.getByTestId("timeline-card").dataset.appearanceId).toBe("x1");
  });

  test("publication time asks again; rows by claimant regroup; zoom keys and buttons change the zoom; Esc closes", async () => {
    const backend = setup();
    const view = await openTimeline();
    await fireEvent.click(screen.getByTestId("timeline-by-published"));
    await waitFor(() => expect(backend.lastCallTo("timeline")).toEqual({ query: { scope: { claim: "c1" }, by: "published" } }));
    await fireEvent.click(screen.getByTestId("timeline-rows-claimant"));
    expect(rowLabels()).toEqual(["Volodymyr Zelenskyy", "Andrii Sybiha"]);

    const zoomLevel = () => within(view).getByTestId("timeline-zoom-level");
    const zoom = () => Number(zoomLevel().dataset.zoom);
    const before = zoom();
    await fireEvent.keyDown(window, { key: "+" });
    await waitFor(() => expect(zoom()).toBeCloseTo(before * 1.6));
    await fireEvent.click(screen.getByTestId("timeline-zoom-out"));
    await waitFor(() => expect(zoom()).toBeCloseTo(before));
    for (let i = 0; i < 20; i++) await fireEvent.click(screen.getByTestId("timeline-zoom-in"));
    await waitFor(() => expect(zoomLevel().textContent, "zoomed in as far as an hour in 240 px: hourly ticks").toBe("1 h ticks"));
    expect(zoom()).toBe(240);
    for (let i = 0; i < 30; i++) await fireEvent.keyDown(window, { key: "-" });
    await waitFor(() => expect(zoomLevel().textContent, "zoomed out as far as a week in 100 px: weekly ticks").toBe("1 week ticks"));

    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("timeline-view")).toBeNull());
    expect(screen.getByTestId("reader-body")).toBeTruthy();
  });

  test("hovering a point shows its card; Ctrl+wheel zooms and the plain wheel does not", async () => {
    setup();
    const view = await openTimeline();
    const [, second] = screen.getAllByTestId("timeline-point");
    await fireEvent.mouseMove(second.querySelector(".dot")!);
    expect(screen.getByTestId("timeline-card").dataset.appearanceId, "the hovered point's card").toBe("x2");
    await fireEvent.mouseLeave(screen.getByTestId("timeline-plot"));
    expect(screen.getByTestId("timeline-card").dataset.appearanceId, "back to the selected point").toBe("x1");

    const zoom = () => Number(within(view).getByTestId("timeline-zoom-level").dataset.zoom);
    const scroller = view.querySelector(".scroller")!;
    const before = zoom();
    scroller.dispatchEvent(new WheelEvent("wheel", { deltaY: 100, bubbles: true, cancelable: true }));
    expect(zoom(), "the wheel alone scrolls").toBe(before);
    const ctrl = new WheelEvent("wheel", { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true });
    scroller.dispatchEvent(ctrl);
    expect(ctrl.defaultPrevented, "Ctrl+wheel does not zoom the whole page").toBe(true);
    await waitFor(() => expect(zoom()).toBeCloseTo(before * 1.6));
  });

  test("Open article at this place leaves the timeline for the reader with the claim in the inspector", async () => {
    const backend = setup({ get_claim: () => c1 });
    await openTimeline();
    await fireEvent.click(screen.getByTestId("card-open"));
    await waitFor(() => expect(backend.callsTo("get_claim")).toEqual([{ id: "c1" }]));
    await waitFor(() => expect(screen.queryByTestId("timeline-view")).toBeNull());
    expect(await screen.findByTestId("reader-body")).toBeTruthy();
    expect((await screen.findByTestId("claim-detail")).dataset.claimId).toBe("c1");
  });

  test("a person's timeline opens from the People dialog", async () => {
    const backend = setup({ list_persons: () => [person()] });
    await fireEvent.keyDown(window, { key: "P", ctrlKey: true, shiftKey: true });
    await fireEvent.click(await screen.findByTestId("person-timeline"));
    await screen.findByTestId("timeline-view");
    expect(backend.lastCallTo("timeline")).toEqual({ query: { scope: { person: "p1" }, by: "stated" } });
    expect(screen.queryByRole("dialog"), "the dialog closes").toBeNull();
  });

  test("no appearances: an empty state that says what to do", async () => {
    setup({ timeline: () => ({ ...data, points: [], links: [] }) });
    await fireEvent.click(await screen.findByTestId("library-item"));
    await fireEvent.click(await within(await screen.findByTestId("reader-body")).findByTestId("highlight"));
    await fireEvent.click(await screen.findByTestId("open-timeline"));
    expect((await screen.findByTestId("timeline-empty")).textContent).toMatch(/Find\s+everywhere/);
  });

  test("a thousand points: only the visible stretch is drawn", async () => {
    const t0 = Date.parse("2025-12-01T00:00:00Z");
    const many = Array.from({ length: 1000 }, (_, i) =>
      timelinePoint({ appearance_id: `p${i}`, claim_id: `c${i % 30}`, outlet: `Outlet ${i % 12}`, at_ms: t0 + i * 40 * 60_000, first: i < 30 }),
    );
    setup({ timeline: () => ({ ...data, points: many, links: [] }) });
    await fireEvent.click(await screen.findByTestId("library-item"));
    await fireEvent.click(await within(await screen.findByTestId("reader-body")).findByTestId("highlight"));
    await fireEvent.click(await screen.findByTestId("open-timeline"));
    await screen.findByTestId("timeline-plot");
    await fireEvent.click(screen.getByTestId("timeline-zoom-in"));
    await fireEvent.click(screen.getByTestId("timeline-zoom-in"));
    await fireEvent.click(screen.getByTestId("timeline-zoom-in"));
    await waitFor(() => expect(screen.getAllByTestId("timeline-point").length).toBeLessThan(1000));
    expect(screen.getAllByTestId("timeline-row-label")).toHaveLength(12);
    const lines = document.querySelectorAll(".claim-line");
    expect(lines, "dense: only the selected point's claim is joined").toHaveLength(1);
    expect(screen.getByTestId("timeline-dense-note")).toBeTruthy();
  });
});

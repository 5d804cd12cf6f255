// The timeline's layout: scale and zoom limits, axis ticks that adapt from
// weeks to hours (local time: the tests run in Europe/Berlin), rows, and the
// lanes that keep labels from overlapping.
import { describe, expect, test } from "vitest";
import {
  DAY,
  HOUR,
  MAX_PX_PER_HOUR,
  MIN_PX_PER_HOUR,
  axisTicks,
  clampZoom,
  domainOf,
  fitZoom,
  layout,
  linkCurve,
  placeInLanes,
  rowsOf,
  stepPoint,
  tickStep,
  timeAt,
  xOf,
} from "./timeline";
import { timelinePoint } from "../tests/fixtures";

const T = Date.parse("2025-12-15T00:00:00+01:00"); // Monday, local midnight in Berlin

describe("scale and zoom", () => {
  test("x and time are inverse, and an hour takes pxPerHour pixels", () => {
    const scale = { t0: T, pxPerHour: 10, pad: 150 };
    expect(xOf(scale, T)).toBe(150);
    expect(xOf(scale, T + 3 * HOUR), "three hours at 10 px an hour").toBe(180);
    expect(timeAt(scale, xOf(scale, T + 5 * HOUR + 1234))).toBeCloseTo(T + 5 * HOUR + 1234, 3);
  });

  test("zoom stays between a week in 100 px and an hour in 240 px", () => {
    expect(clampZoom(0.0001)).toBe(MIN_PX_PER_HOUR);
    expect(clampZoom(10_000)).toBe(MAX_PX_PER_HOUR);
    expect(clampZoom(Number.NaN), "a broken zoom falls back to the widest view").toBe(MIN_PX_PER_HOUR);
    const tenYears = 10 * 365 * DAY;
    expect(xOf({ t0: 0, pxPerHour: clampZoom(MAX_PX_PER_HOUR, tenYears), pad: 0 }, tenYears), "ten years stay within 4M px").toBeLessThanOrEqual(4_000_001);
    expect(clampZoom(MAX_PX_PER_HOUR, 3 * DAY), "a few days zoom to hours").toBe(MAX_PX_PER_HOUR);
    expect(fitZoom(10 * HOUR, 1000), "ten hours fit a 1000 px plot at 100 px an hour").toBeCloseTo(100);
    expect(fitZoom(365 * DAY, 1000), "a year is clamped to the widest zoom").toBe(MIN_PX_PER_HOUR);
    expect(fitZoom(0, 1000), "a single moment gets a readable zoom, not an infinite one").toBeLessThanOrEqual(MAX_PX_PER_HOUR);
  });

  test("the domain leaves room either side, at least three hours", () => {
    expect(domainOf([T, T + 2 * DAY])).toEqual([T - 4 * HOUR, T + 2 * DAY + 4 * HOUR]);
    expect(domainOf([T]), "one point is centred with three hours either side").toEqual([T - 3 * HOUR, T + 3 * HOUR]);
  });
});

describe("axis ticks", () => {
  test("the step grows as the view zooms out: hours, days, weeks", () => {
    expect(tickStep(MAX_PX_PER_HOUR).unit).toBe("hour");
    expect(tickStep(MAX_PX_PER_HOUR).ms, "at 240 px an hour every hour is ticked").toBe(HOUR);
    expect(tickStep(10).ms, "at 10 px an hour ticks are 12 h apart (120 px)").toBe(12 * HOUR);
    expect(tickStep(3).unit).toBe("day");
    expect(tickStep(MIN_PX_PER_HOUR).unit).toBe("week");
  });

  test("hour ticks fall on local whole hours and days label the upper row", () => {
    const axis = axisTicks(T + 90 * 60_000, T + DAY + 60_000, 30); // 3-hour steps
    expect(axis.unit).toBe("hour");
    expect(axis.minor[0]).toEqual({ t: T + 3 * HOUR, label: "03:00", short: "03:00" });
    expect(axis.minor.map((m) => m.label).slice(0, 3)).toEqual(["03:00", "06:00", "09:00"]);
    expect(axis.major.map((m) => m.label)).toEqual(["Mon 15 Dec 2025", "Tue 16 Dec 2025"]);
    expect(axis.major.map((m) => m.short), "short labels for tight places").toEqual(["15 Dec", "16 Dec"]);
    expect(axis.major[1].t, "the next day starts at local midnight").toBe(T + DAY);
  });

  test("week ticks start on Mondays and months label the upper row", () => {
    const axis = axisTicks(T - 10 * DAY, T + 30 * DAY, MIN_PX_PER_HOUR);
    expect(axis.unit).toBe("week");
    for (const tick of axis.minor) expect(new Date(tick.t).getDay(), tick.label).toBe(1);
    expect(axis.minor.map((m) => m.label)).toContain("15 Dec");
    expect(axis.major.map((m) => m.label)).toEqual(["December 2025", "January 2026"]);
  });

  test("day ticks name the weekday and day", () => {
    const axis = axisTicks(T, T + 3 * DAY, 3);
    expect(axis.unit).toBe("day");
    expect(axis.minor.map((m) => m.label)).toEqual(["Mon 15", "Tue 16", "Wed 17", "Thu 18"]);
  });

  test("ticks stay bounded even for a huge span at the closest zoom", () => {
    const axis = axisTicks(T, T + 5 * 365 * DAY, MAX_PX_PER_HOUR);
    expect(axis.minor.length).toBeLessThanOrEqual(2000);
  });
});

describe("rows", () => {
  const points = [
    timelinePoint({ outlet: "ANI", claimant: "Volodymyr Zelenskyy" }),
    timelinePoint({ outlet: "Reuters", claimant: "volodymyr zelenskyy" }),
    timelinePoint({ outlet: "ani", claimant: null }),
    timelinePoint({ outlet: null, claimant: "Andrii Sybiha" }),
  ];

  test("by outlet: in order of first appearance, case folded, unknown outlets named", () => {
    const { rows, rowOf } = rowsOf(points, "outlet");
    expect(rows.map((r) => r.label)).toEqual(["ANI", "Reuters", "Unknown outlet"]);
    expect(rows.map((r) => r.count)).toEqual([2, 1, 1]);
    expect(rowOf).toEqual([0, 1, 0, 2]);
  });

  test("by claimant", () => {
    const { rows, rowOf } = rowsOf(points, "claimant");
    expect(rows.map((r) => r.label)).toEqual(["Volodymyr Zelenskyy", "No claimant", "Andrii Sybiha"]);
    expect(rowOf).toEqual([0, 0, 1, 2]);
  });
});

describe("collisions", () => {
  test("labels that would overlap go to the next lane, and are left out when no lane is free", () => {
    const lanes = placeInLanes(
      [
        { x: 100, width: 60 },
        { x: 120, width: 60 }, // overlaps the first
        { x: 140, width: 60 }, // overlaps both
        { x: 300, width: 60 }, // free again
      ],
      2,
    );
    expect(lanes).toEqual([0, 1, -1, 0]);
  });

  test("layout stacks dots at the same time in one row and connects a claim's points", () => {
    const pts = [
      timelinePoint({ appearance_id: "x1", claim_id: "c1", at_ms: T, outlet: "ANI" }),
      timelinePoint({ appearance_id: "x2", claim_id: "c1", at_ms: T, outlet: "ANI" }),
      timelinePoint({ appearance_id: "x3", claim_id: "c2", at_ms: T + DAY, outlet: "Reuters" }),
    ];
    const l = layout(pts, "outlet", 10, [T - HOUR, T + DAY + HOUR]);
    expect(l.rows.map((r) => r.label)).toEqual(["ANI", "Reuters"]);
    expect(l.points[0].y, "two dots at one time in one row do not sit on each other").not.toBe(l.points[1].y);
    expect(l.points[2].x - l.points[0].x, "a day at 10 px an hour").toBe(240);
    expect(l.claims.get("c1")).toEqual([0, 1]);
    expect(l.byAppearance.get("x3")).toBe(2);
    expect(l.points[1].labelLane, "the same outlet at the same moment is named once").toBe(-1);
    const other = layout([pts[0], { ...pts[1], outlet: "Reuters" }], "claimant", 10, [T - HOUR, T + HOUR]);
    expect(other.points[1].labelLane, "another outlet's label at the same place goes under the first").toBe(1);
  });

  // How fast it lays out is measured by the benchmarks, not asserted here.
  test("a thousand points lay out, one row per outlet, in time order", () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      timelinePoint({ appearance_id: `p${i}`, claim_id: `c${i % 40}`, at_ms: T + i * 17 * 60_000, outlet: `Outlet ${i % 25}` }),
    );
    const l = layout(many, "outlet", 20, domainOf(many.map((p) => p.at_ms)));
    expect(l.points).toHaveLength(1000);
    expect(l.rows).toHaveLength(25);
    expect(l.claims.get("c0")).toHaveLength(25);
    const xs = l.points.map((p) => p.x);
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1]), "17 minutes apart at 20 px an hour").toBe(true);
  });
});

test("left and right step through points and stop at the ends", () => {
  expect(stepPoint(3, null, 1)).toBe(0);
  expect(stepPoint(3, null, -1)).toBe(2);
  expect(stepPoint(3, 2, 1)).toBe(2);
  expect(stepPoint(3, 1, -1)).toBe(0);
  expect(stepPoint(0, null, 1)).toBeNull();
});

test("a link curve bulges above its ends and stays inside the plot", () => {
  const { d, mid } = linkCurve({ x: 0, y: 100 }, { x: 200, y: 100 });
  expect(d.startsWith("M0.0,100.0 Q100.0,")).toBe(true);
  expect(mid.y).toBeLessThan(100);
  expect(linkCurve({ x: 0, y: 30 }, { x: 600, y: 30 }).d, "no control point above the plot's top").toContain("Q300.0,2.0");
});

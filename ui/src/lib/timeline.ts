// Layout of the timeline view, kept out of the component so it can be tested
// and stays cheap with a thousand points: the time scale and its zoom limits
// (weeks down to hours), axis ticks that adapt to the zoom, rows by claimant
// or by outlet, and lanes that keep labels (and stacked dots) from overlapping.
// Times on the axis are the user's local time; each point's own time, with
// the offset its source gave, is shown in the point's card.

import type { TimelinePoint } from "./bindings/TimelinePoint";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** Zoomed out: a week takes 100 px. */
export const MIN_PX_PER_HOUR = 100 / 168;
/** Zoomed in: an hour takes 240 px. */
export const MAX_PX_PER_HOUR = 240;
/** Each zoom-in or zoom-out step multiplies or divides by this. */
export const ZOOM_STEP = 1.6;

/** The widest plot drawn: browsers lay out elements only up to some tens of millions of px. */
export const MAX_WIDTH_PX = 4_000_000;

/**
 * The zoom kept within the limits; with `spanMs`, also kept narrow enough
 * that the whole span fits in `MAX_WIDTH_PX` (years of appearances cannot
 * be zoomed to hours).
 */
export function clampZoom(pxPerHour: number, spanMs = 0): number {
  if (!Number.isFinite(pxPerHour)) return MIN_PX_PER_HOUR;
  const widest = spanMs > 0 ? Math.max(MIN_PX_PER_HOUR, (MAX_WIDTH_PX / spanMs) * HOUR) : MAX_PX_PER_HOUR;
  return Math.min(MAX_PX_PER_HOUR, widest, Math.max(MIN_PX_PER_HOUR, pxPerHour));
}

/** The zoom that shows `spanMs` in `widthPx`, within the zoom limits. */
export function fitZoom(spanMs: number, widthPx: number): number {
  if (spanMs <= 0) return clampZoom(MAX_PX_PER_HOUR / 4);
  return clampZoom((Math.max(widthPx, 1) / spanMs) * HOUR);
}

/** Times → pixels: `x = pad + (t - t0) * pxPerHour / HOUR`. */
export type Scale = { t0: number; pxPerHour: number; pad: number };

export function xOf(scale: Scale, t: number): number {
  return scale.pad + ((t - scale.t0) * scale.pxPerHour) / HOUR;
}

export function timeAt(scale: Scale, x: number): number {
  return scale.t0 + ((x - scale.pad) * HOUR) / scale.pxPerHour;
}

/**
 * The stretch of time to draw: from the first to the last point, with room
 * either side (a twelfth of the span, at least three hours) so end points
 * and their labels are not cut.
 */
export function domainOf(times: readonly number[]): [number, number] {
  if (times.length === 0) {
    const now = Date.now();
    return [now - DAY, now + DAY];
  }
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const margin = Math.max((max - min) / 12, 3 * HOUR);
  return [min - margin, max + margin];
}

// ---- the axis ----

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Tick spacings the axis chooses from, smallest first. */
export const STEPS: readonly { ms: number; unit: "hour" | "day" | "week"; n: number }[] = [
  { ms: HOUR, unit: "hour", n: 1 },
  { ms: 2 * HOUR, unit: "hour", n: 2 },
  { ms: 3 * HOUR, unit: "hour", n: 3 },
  { ms: 6 * HOUR, unit: "hour", n: 6 },
  { ms: 12 * HOUR, unit: "hour", n: 12 },
  { ms: DAY, unit: "day", n: 1 },
  { ms: 2 * DAY, unit: "day", n: 2 },
  { ms: WEEK, unit: "week", n: 1 },
  { ms: 2 * WEEK, unit: "week", n: 2 },
  { ms: 4 * WEEK, unit: "week", n: 4 },
];

/** The smallest step whose ticks stand at least `minSpacing` px apart. */
export function tickStep(pxPerHour: number, minSpacing = 64): (typeof STEPS)[number] {
  return STEPS.find((s) => (s.ms / HOUR) * pxPerHour >= minSpacing) ?? STEPS[STEPS.length - 1];
}

export type Tick = { t: number; label: string; /** A shorter label for tight places ("14 Dec", "Dec 2025"). */ short: string };

export type Axis = {
  unit: "hour" | "day" | "week";
  /** Evenly spaced ticks with short labels ("14:00", "Mon 15", "15 Dec"). */
  minor: Tick[];
  /** Wider context above them: days when the ticks are hours, months otherwise. */
  major: Tick[];
};

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Local midnight of the day `t` falls in. */
function startOfDay(t: number): Date {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d;
}

/** The ticks between `from` and `to` (ms) at this zoom, in local time. */
export function axisTicks(from: number, to: number, pxPerHour: number): Axis {
  const step = tickStep(pxPerHour);
  const minor: Tick[] = [];
  const major: Tick[] = [];
  // A bound on the loop, whatever the inputs: the view never needs more.
  const limit = 2000;

  if (step.unit === "hour") {
    const d = new Date(from);
    d.setMinutes(0, 0, 0);
    d.setHours(Math.floor(d.getHours() / step.n) * step.n);
    while (d.getTime() <= to && minor.length < limit) {
      if (d.getTime() >= from) {
        const label = `${pad2(d.getHours())}:00`;
        minor.push({ t: d.getTime(), label, short: label });
      }
      d.setHours(d.getHours() + step.n);
    }
    const day = startOfDay(from);
    while (day.getTime() <= to && major.length < limit) {
      major.push({
        t: day.getTime(),
        label: `${WEEKDAYS[day.getDay()]} ${day.getDate()} ${MONTHS[day.getMonth()]} ${day.getFullYear()}`,
        short: `${day.getDate()} ${MONTHS[day.getMonth()]}`,
      });
      day.setDate(day.getDate() + 1);
    }
  } else {
    const d = startOfDay(from);
    if (step.unit === "week") {
      // Weeks start on Monday.
      d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    } else if (step.n > 1) {
      // Even days of the month keep two-day ticks steady while panning.
      d.setDate(d.getDate() - ((d.getDate() - 1) % step.n));
    }
    const days = step.unit === "week" ? 7 * step.n : step.n;
    while (d.getTime() <= to && minor.length < limit) {
      if (d.getTime() >= from) {
        const label = step.unit === "day" ? `${WEEKDAYS[d.getDay()]} ${d.getDate()}` : `${d.getDate()} ${MONTHS[d.getMonth()]}`;
        minor.push({ t: d.getTime(), label, short: label });
      }
      d.setDate(d.getDate() + days);
    }
    const month = startOfDay(from);
    month.setDate(1);
    while (month.getTime() <= to && major.length < limit) {
      major.push({
        t: month.getTime(),
        label: `${MONTHS_LONG[month.getMonth()]} ${month.getFullYear()}`,
        short: `${MONTHS[month.getMonth()]} ${month.getFullYear()}`,
      });
      month.setMonth(month.getMonth() + 1);
    }
  }
  return { unit: step.unit, minor, major };
}

// ---- rows ----

export type RowsBy = "claimant" | "outlet";

export type Row = { key: string; label: string; count: number };

/** The row label of a point: its claimant, or the outlet that carried it. */
export function rowLabel(point: Pick<TimelinePoint, "claimant" | "outlet">, by: RowsBy): string {
  if (by === "outlet") return point.outlet?.trim() || "Unknown outlet";
  return point.claimant?.trim() || "No claimant";
}

/**
 * Groups points (in time order) into rows, in the order each row's first
 * point appears; names that differ only in case share a row.
 * `rowOf[i]` is the row of `points[i]`.
 */
export function rowsOf(points: readonly Pick<TimelinePoint, "claimant" | "outlet">[], by: RowsBy): { rows: Row[]; rowOf: number[] } {
  const rows: Row[] = [];
  const index = new Map<string, number>();
  const rowOf: number[] = new Array(points.length);
  points.forEach((p, i) => {
    const label = rowLabel(p, by);
    const key = label.toLocaleLowerCase();
    let r = index.get(key);
    if (r === undefined) {
      r = rows.length;
      index.set(key, r);
      rows.push({ key, label, count: 0 });
    }
    rows[r].count++;
    rowOf[i] = r;
  });
  return { rows, rowOf };
}

// ---- collisions ----

/** A rough width of a label in the timeline's 11 px type. */
export function labelWidth(text: string, charPx = 6.2): number {
  return Math.ceil(text.length * charPx) + 4;
}

/**
 * Puts each item (sorted by `x`, centred there, `width` wide) on the first
 * of `lanes` lanes where it does not overlap the previous item of that
 * lane; -1 when every lane is taken there (the label is left out).
 */
export function placeInLanes(items: readonly { x: number; width: number }[], lanes: number, gap = 4): number[] {
  const end = new Array<number>(lanes).fill(-Infinity);
  return items.map(({ x, width }) => {
    const left = x - width / 2;
    for (let lane = 0; lane < lanes; lane++) {
      if (left >= end[lane] + gap) {
        end[lane] = left + width;
        return lane;
      }
    }
    return -1;
  });
}

// ---- the whole layout ----

export const ROW_HEIGHT = 88;
/** The row's line, where unstacked dots sit, from the row's top. */
export const ROW_LINE = 30;
/** Baseline of the first lane of labels, from the row's top. */
export const LABEL_TOP = 68;
/** Vertical offset of each dot lane from the row's line: on it, below, above. */
export const DOT_LANE_OFFSETS = [0, 17, -17] as const;
export const AXIS_HEIGHT = 44;
/** Room on the left for the row labels, drawn over the plot. */
export const GUTTER = 150;
/** Up to this many lanes of labels under the dots of a row. */
export const LABEL_LANES = 2;
/** Dots at (nearly) the same place in a row stack in this many lanes. */
export const DOT_LANES = 3;
export const DOT_RADIUS = 6;

export type PlacedPoint = {
  /** Index into the timeline's points (time order). */
  index: number;
  x: number;
  y: number;
  row: number;
  /** Dot lane (0 on the row's line, 1 below, 2 above), so marks beside the dot avoid its neighbours. */
  lane: number;
  /** Lane of the outlet label under the dot; -1 when it does not fit. */
  labelLane: number;
  label: string;
};

export type Layout = {
  rows: Row[];
  points: PlacedPoint[];
  /** Width of the plot in px (time span at this zoom, plus the gutter). */
  width: number;
  height: number;
  scale: Scale;
  /** Point indexes of each claim, in time order (for the connecting lines). */
  claims: Map<string, number[]>;
  /** Point index of each appearance id. */
  byAppearance: Map<string, number>;
};

/** Lays out every point once per change of data, rows or zoom (not per scroll). */
export function layout(points: readonly TimelinePoint[], by: RowsBy, pxPerHour: number, domain: [number, number]): Layout {
  const scale: Scale = { t0: domain[0], pxPerHour, pad: GUTTER };
  const { rows, rowOf } = rowsOf(points, by);
  const claims = new Map<string, number[]>();
  const byAppearance = new Map<string, number>();
  const placed: PlacedPoint[] = points.map((p, index) => {
    byAppearance.set(p.appearance_id, index);
    const list = claims.get(p.claim_id);
    if (list) list.push(index);
    else claims.set(p.claim_id, [index]);
    return { index, x: xOf(scale, p.at_ms), y: 0, row: rowOf[index], lane: 0, labelLane: -1, label: p.outlet?.trim() || "Unknown outlet" };
  });
  // Lanes per row, in x order (points already come in time order).
  const perRow: PlacedPoint[][] = rows.map(() => []);
  for (const p of placed) perRow[p.row].push(p);
  perRow.forEach((list, r) => {
    const top = r * ROW_HEIGHT;
    const dots = placeInLanes(
      // A dot with its first-appearance ring.
      list.map((p) => ({ x: p.x, width: (DOT_RADIUS + 4) * 2 })),
      DOT_LANES,
      2,
    );
    // The same outlet at the same moment is named once.
    const named = list.filter((p, i) => i === 0 || p.label !== list[i - 1].label || Math.abs(p.x - list[i - 1].x) >= 1);
    const lanes = placeInLanes(
      named.map((p) => ({ x: p.x, width: labelWidth(p.label) })),
      LABEL_LANES,
    );
    const labelLane = new Map(named.map((p, i) => [p, lanes[i]]));
    list.forEach((p, i) => {
      // Lane 0 on the row's line, then just below and just above it; when
      // all are taken the dot sits on the line over the others.
      const lane = dots[i] < 0 ? 0 : dots[i];
      p.lane = lane;
      p.y = top + ROW_LINE + DOT_LANE_OFFSETS[lane];
      p.labelLane = labelLane.get(p) ?? -1;
    });
  });
  const width = xOf(scale, domain[1]) + 24;
  return { rows, points: placed, width, height: Math.max(1, rows.length) * ROW_HEIGHT, scale, claims, byAppearance };
}

/** The index `delta` points before or after `current` (time order), kept in range. */
export function stepPoint(count: number, current: number | null, delta: number): number | null {
  if (count === 0) return null;
  if (current === null) return delta > 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}

/** A quadratic curve from `a` to `b` bulging up by a share of their distance. */
export function linkCurve(a: { x: number; y: number }, b: { x: number; y: number }): { d: string; mid: { x: number; y: number } } {
  const dx = b.x - a.x;
  const lift = Math.min(80, 18 + Math.abs(dx) / 6);
  const cx = (a.x + b.x) / 2;
  // Kept inside the plot: a curve over the first row must not run under the axis.
  const cy = Math.max(2, Math.min(a.y, b.y) - lift);
  // The curve's highest point is halfway between the ends' mean and the control point.
  const mid = { x: cx, y: ((a.y + b.y) / 2 + cy) / 2 };
  return { d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`, mid };
}

/** The readable name of a link relation, as the timeline labels it. */
export function relationLabel(relation: string): string {
  return (
    {
      same_as: "same claim",
      supports: "supports",
      contradicts: "contradicts",
      updates: "updates",
      retracts: "retracts",
      clarifies: "clarifies",
      responds_to: "responds to",
    }[relation] ?? relation.replace(/_/g, " ")
  );
}

// The windowing arithmetic of the virtualised library list.
import { describe, expect, test } from "vitest";
import { pageOf, pagesFor, revealRow, rowsPerView, visibleRows } from "./virtual";

describe("visibleRows", () => {
  test("at the top: the rows that fit plus the overscan below", () => {
    expect(visibleRows({ scrollTop: 0, height: 500 }, 50, 100_000, 5)).toEqual({ start: 0, end: 15 });
  });

  test("deep in the list: partly visible rows count, overscan on both sides", () => {
    // Rows 200 (from 10,000 px) to 210 (partly, up to 10,525 px).
    expect(visibleRows({ scrollTop: 10_000, height: 525 }, 50, 100_000, 3)).toEqual({ start: 197, end: 214 });
  });

  test("at the bottom: never past the last row", () => {
    expect(visibleRows({ scrollTop: 4_800, height: 500 }, 50, 100, 5)).toEqual({ start: 91, end: 100 });
    expect(visibleRows({ scrollTop: 99_999, height: 500 }, 50, 100, 5), "scrolled past the end (stale scrollTop)").toEqual({
      start: 94,
      end: 100,
    });
  });

  test("the offset of the first row below the top of the content", () => {
    expect(visibleRows({ scrollTop: 0, height: 100, offset: 40 }, 50, 1000, 0)).toEqual({ start: 0, end: 2 });
    expect(visibleRows({ scrollTop: 140, height: 100, offset: 40 }, 50, 1000, 0)).toEqual({ start: 2, end: 4 });
  });

  test("an empty list, and a viewport not measured yet, still render the first row", () => {
    expect(visibleRows({ scrollTop: 0, height: 500 }, 50, 0, 5)).toEqual({ start: 0, end: 0 });
    expect(visibleRows({ scrollTop: 0, height: 0 }, 50, 10, 0)).toEqual({ start: 0, end: 1 });
  });
});

describe("pages", () => {
  test("pageOf", () => {
    expect(pageOf(0, 100)).toBe(0);
    expect(pageOf(99, 100)).toBe(0);
    expect(pageOf(100, 100)).toBe(1);
    expect(pageOf(99_999, 100)).toBe(999);
  });

  test("pagesFor: every page a range touches, once", () => {
    expect(pagesFor({ start: 0, end: 15 }, 100)).toEqual([0]);
    expect(pagesFor({ start: 95, end: 205 }, 100)).toEqual([0, 1, 2]);
    expect(pagesFor({ start: 100, end: 200 }, 100), "end is exclusive").toEqual([1]);
    expect(pagesFor({ start: 5, end: 5 }, 100)).toEqual([]);
  });
});

describe("revealRow", () => {
  const view = { scrollTop: 1_000, height: 500 };

  test("a row in view leaves the scroll where it is", () => {
    expect(revealRow(25, view, 50)).toBe(1_000);
    expect(revealRow(20, view, 50), "the first whole row").toBe(1_000);
    expect(revealRow(29, view, 50), "the last whole row").toBe(1_000);
  });

  test("a row above scrolls up to its top, one below scrolls down to its bottom", () => {
    expect(revealRow(19, view, 50)).toBe(950);
    expect(revealRow(30, view, 50)).toBe(1_050);
    expect(revealRow(1_000, view, 50), "far below: the row ends at the bottom").toBe(50_050 - 500);
    expect(revealRow(0, view, 50)).toBe(0);
  });

  test("with an offset and padding", () => {
    expect(revealRow(0, { scrollTop: 100, height: 200, offset: 4 }, 50, 4)).toBe(0);
    expect(revealRow(10, { scrollTop: 0, height: 200, offset: 4 }, 50, 12)).toBe(4 + 550 + 12 - 200);
  });

  test("rowsPerView", () => {
    expect(rowsPerView(500, 73)).toBe(6);
    expect(rowsPerView(10, 73), "at least one").toBe(1);
  });
});

// DOM selections in the reader → code point spans of the body.
import { describe, expect, test } from "vitest";
import { rangeToSpan } from "./selection";

/** A reader-like root: one <p> per paragraph, one element per segment. */
function root(segments: [number, number, string][][]): HTMLElement {
  const el = document.createElement("div");
  for (const para of segments) {
    const p = document.createElement("p");
    for (const [start, end, text] of para) {
      const span = document.createElement("span");
      span.dataset.start = String(start);
      span.dataset.end = String(end);
      span.textContent = text;
      p.append(span);
    }
    el.append(p);
  }
  document.body.append(el);
  return el;
}

describe("rangeToSpan", () => {
  // Body: "Hi 😀 there.\n\nSecond 🇺🇦 para." — code points: "Hi 😀 there." is 0..11.
  const body = "Hi 😀 there.\n\nSecond 🇺🇦 para.";

  test("a selection inside segments after an emoji gives code point offsets", () => {
    const el = root([[[0, 5, "Hi 😀 "], [5, 11, "there."]], [[13, 28, "Second 🇺🇦 para."]]]);
    const range = document.createRange();
    const [first, second] = el.querySelectorAll("span");
    range.setStart(first.firstChild!, 3); // before 😀 (UTF-16 3)
    range.setEnd(second.firstChild!, 5); // "there" (UTF-16 5 = cp 5 in segment)
    expect(rangeToSpan(el, range, body)).toEqual({ start: 3, end: 10, exact: "😀 there" });
  });

  test("a selection ending after a flag in the next paragraph", () => {
    const el = root([[[0, 11, "Hi 😀 there."]], [[13, 28, "Second 🇺🇦 para."]]]);
    const [, p2] = el.querySelectorAll("span");
    const range = document.createRange();
    range.setStart(p2.firstChild!, 0);
    range.setEnd(p2.firstChild!, 11); // "Second 🇺🇦" is 11 UTF-16 units, 9 code points
    expect(rangeToSpan(el, range, body)).toEqual({ start: 13, end: 22, exact: "Second 🇺🇦" });
  });

  test("whitespace at the ends is left out, and element boundaries snap to segments", () => {
    const el = root([[[0, 11, "Hi 😀 there."]], [[13, 28, "Second 🇺🇦 para."]]]);
    const range = document.createRange();
    range.setStart(el, 0); // before the first paragraph
    range.setEnd(el.querySelectorAll("p")[1], 0); // start of the second paragraph
    expect(rangeToSpan(el, range, body)).toEqual({ start: 0, end: 11, exact: "Hi 😀 there." });
  });

  test("a collapsed selection or one outside the reader is no span", () => {
    const el = root([[[0, 11, "Hi 😀 there."]]]);
    const outside = document.createElement("p");
    outside.textContent = "header";
    document.body.append(outside);
    const range = document.createRange();
    range.selectNodeContents(outside);
    expect(rangeToSpan(el, range, body)).toBeNull();
    const collapsed = document.createRange();
    collapsed.setStart(el.querySelector("span")!.firstChild!, 2);
    expect(rangeToSpan(el, collapsed, body)).toBeNull();
  });
});

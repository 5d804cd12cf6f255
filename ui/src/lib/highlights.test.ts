// Segmenting the reader's text at every highlight boundary.
import { describe, expect, test } from "vitest";
import { paragraphSpans, segmentParagraph, type Span } from "./highlights";
import { paragraphs } from "./article";

describe("paragraphSpans", () => {
  test("cuts exactly like paragraphs() and knows each paragraph's code point offsets", () => {
    const body = "  First 😀 one.\n\nSecond,\nwith a break.\n \n\n\nThird.  ";
    const spans = paragraphSpans(body);
    expect(spans.map((p) => p.text)).toEqual(paragraphs(body));
    const cps = [...body];
    for (const p of spans) expect(cps.slice(p.start, p.end).join(""), "offsets are code points into the body").toBe(p.text);
    expect(spans[0]).toMatchObject({ start: 2, end: 14 });
    expect(spans[1].start, "the emoji counts once").toBe(16);
  });
});

describe("segmentParagraph", () => {
  const para = { start: 10, end: 30, text: "abcdefghijklmnopqrst" };
  const texts = (spans: Span[]) =>
    segmentParagraph(para, spans).map((s) => [s.text, s.ids.join("+")] as const);

  test("no spans: one plain segment", () => {
    expect(texts([])).toEqual([["abcdefghijklmnopqrst", ""]]);
  });

  test("overlapping spans split into three covered runs", () => {
    // a: [12, 20) = cdefghij ; b: [16, 25) = ghijklmno
    expect(texts([{ id: "a", start: 12, end: 20 }, { id: "b", start: 16, end: 25 }])).toEqual([
      ["ab", ""],
      ["cdef", "a"],
      ["ghij", "a+b"],
      ["klmno", "b"],
      ["pqrst", ""],
    ]);
  });

  test("a nested span lists the outer one first", () => {
    expect(texts([{ id: "inner", start: 14, end: 16 }, { id: "outer", start: 10, end: 20 }])).toEqual([
      ["abcd", "outer"],
      ["ef", "outer+inner"],
      ["ghij", "outer"],
      ["klmnopqrst", ""],
    ]);
  });

  test("spans reaching past the paragraph are cut to it; empty and outside spans are ignored", () => {
    expect(
      texts([
        { id: "across", start: 0, end: 12 },
        { id: "after", start: 28, end: 90 },
        { id: "empty", start: 15, end: 15 },
        { id: "elsewhere", start: 40, end: 50 },
      ]),
    ).toEqual([
      ["ab", "across"],
      ["cdefghijklmnopqr", ""],
      ["st", "after"],
    ]);
  });

  test("identical spans share every segment", () => {
    expect(texts([{ id: "x", start: 11, end: 13 }, { id: "y", start: 11, end: 13 }])).toEqual([
      ["a", ""],
      ["bc", "x+y"],
      ["defghijklmnopqrst", ""],
    ]);
  });

  test("segments slice by code points when the paragraph has emoji", () => {
    const p = { start: 0, end: 7, text: "a😀b🇺🇦cd" };
    const segs = segmentParagraph(p, [{ id: "e", start: 1, end: 5 }]);
    expect(segs.map((s) => s.text)).toEqual(["a", "😀b🇺🇦", "cd"]);
    expect(segs.map((s) => [s.start, s.end])).toEqual([[0, 1], [1, 5], [5, 7]]);
  });
});

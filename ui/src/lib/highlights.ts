// Splitting the reader's text into segments for highlighting: every place a
// highlight starts or ends is a boundary, and each segment carries the set of
// highlights covering it, so nested and overlapping spans need no nesting of
// elements. Offsets are code points into the article body, as the core gives.

import { OffsetMap } from "./offsets";

/** A highlighted span of the body, `[start, end)` in code points. */
export type Span = { id: string; start: number; end: number };

/** One paragraph of the body with its place in the body, in code points. */
export type Paragraph = { start: number; end: number; text: string };

/** A run of text covered by the same highlights (`ids`, outermost first). */
export type Segment = { start: number; end: number; text: string; ids: string[] };

/**
 * The paragraphs of a body exactly as `paragraphs()` cuts them (split on
 * blank lines, trimmed, empty ones dropped), each with its offsets.
 */
export function paragraphSpans(body: string, map: OffsetMap = new OffsetMap(body)): Paragraph[] {
  const result: Paragraph[] = [];
  const separator = /\n[ \t]*\n/g;
  let from = 0;
  const push = (to: number) => {
    const piece = body.slice(from, to);
    const text = piece.trim();
    if (text.length > 0) {
      const lead = piece.length - piece.trimStart().length;
      const u16 = from + lead;
      result.push({ start: map.toCodePoint(u16), end: map.toCodePoint(u16 + text.length), text });
    }
  };
  for (const m of body.matchAll(separator)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(body.length);
  return result;
}

/**
 * Cuts a paragraph into segments at every boundary of the spans that touch
 * it. Spans outside the paragraph and empty spans are ignored; the segments
 * cover the paragraph exactly, in order.
 */
export function segmentParagraph(paragraph: Paragraph, spans: readonly Span[]): Segment[] {
  const inside = spans
    .filter((s) => s.end > s.start && s.start < paragraph.end && s.end > paragraph.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const bounds = new Set<number>([paragraph.start, paragraph.end]);
  for (const s of inside) {
    if (s.start > paragraph.start) bounds.add(s.start);
    if (s.end < paragraph.end) bounds.add(s.end);
  }
  const points = [...bounds].sort((a, b) => a - b);
  const local = new OffsetMap(paragraph.text);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const ids = inside.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    segments.push({
      start,
      end,
      text: local.slice(start - paragraph.start, end - paragraph.start),
      ids,
    });
  }
  return segments;
}

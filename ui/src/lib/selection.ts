// From a DOM selection in the reader to a span of the article body. The
// reader renders each highlight segment as one element carrying its code
// point offsets (`data-start`, `data-end`) around a single text node, so a
// boundary inside a segment converts exactly and a boundary anywhere else
// (between paragraphs, in the header) snaps to the nearest segment edge.

import { OffsetMap, utf16ToCodePoint } from "./offsets";

/** A span of the body in code points, `[start, end)`, with its text. */
export type TextSpan = { start: number; end: number; exact: string };

function segmentOf(node: Node, root: HTMLElement): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node.parentElement;
  const segment = element?.closest<HTMLElement>("[data-start]") ?? null;
  return segment && root.contains(segment) ? segment : null;
}

/**
 * The code point offset of the boundary point `(node, offset)`: exact inside
 * a segment's text, else the start of the next segment (`edge` "start") or
 * the end of the previous one (`edge` "end"); `null` when there is none.
 */
export function boundaryOffset(root: HTMLElement, node: Node, offset: number, edge: "start" | "end"): number | null {
  const segment = segmentOf(node, root);
  if (segment && node.nodeType === Node.TEXT_NODE) {
    return Number(segment.dataset.start) + utf16ToCodePoint((node as Text).data, offset);
  }
  const point = document.createRange();
  point.setStart(node, offset);
  const segments = [...root.querySelectorAll<HTMLElement>("[data-start]")];
  if (edge === "start") {
    const next = segments.find((s) => point.comparePoint(s, 0) >= 0);
    return next ? Number(next.dataset.start) : null;
  }
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i];
    if (point.comparePoint(s, s.childNodes.length) <= 0) return Number(s.dataset.end);
  }
  return null;
}

/**
 * The span of `body` a DOM range covers inside `root`, without the
 * whitespace at its ends; `null` when it covers no text of the body.
 */
export function rangeToSpan(root: HTMLElement, range: Range, body: string, map = new OffsetMap(body)): TextSpan | null {
  if (range.collapsed || !range.intersectsNode(root)) return null;
  let start = boundaryOffset(root, range.startContainer, range.startOffset, "start");
  let end = boundaryOffset(root, range.endContainer, range.endOffset, "end");
  if (start === null || end === null || end <= start) return null;
  const text = map.slice(start, end);
  const trimmedStart = text.trimStart();
  start += utf16ToCodePoint(text, text.length - trimmedStart.length);
  const trimmed = trimmedStart.trimEnd();
  end = start + utf16ToCodePoint(trimmedStart, trimmed.length);
  if (end <= start) return null;
  return { start, end, exact: trimmed };
}

// The arithmetic of a virtualised list with rows of one fixed height: which
// rows to put in the DOM for a scroll position, which pages of rows they
// need, and where to scroll to bring a row into view. Pure, so it is tested
// without a layout engine.

/** Rows `[start, end)` of a list. */
export type RowRange = { start: number; end: number };

export type Viewport = {
  /** The scroll container's scrollTop, in px. */
  scrollTop: number;
  /** Its visible height, in px. */
  height: number;
  /** The distance from the top of the scrolled content to the first row, in px. */
  offset?: number;
};

/**
 * The rows to render: those at least partly visible, plus `overscan` rows on
 * either side so a short scroll shows rows that are already there.
 */
export function visibleRows(view: Viewport, rowHeight: number, total: number, overscan: number): RowRange {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, view.scrollTop - (view.offset ?? 0));
  const bottom = top + Math.max(0, view.height);
  const first = Math.min(total - 1, Math.floor(top / rowHeight));
  const last = Math.min(total, Math.ceil(bottom / rowHeight));
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(total, Math.max(last, first + 1) + overscan),
  };
}

/** The page a row is on, for pages of `pageSize` rows starting at row 0. */
export function pageOf(index: number, pageSize: number): number {
  return Math.floor(index / pageSize);
}

/** The pages that hold rows `[start, end)`, in order. */
export function pagesFor(range: RowRange, pageSize: number): number[] {
  if (range.end <= range.start) return [];
  const pages: number[] = [];
  for (let p = pageOf(range.start, pageSize); p <= pageOf(range.end - 1, pageSize); p++) pages.push(p);
  return pages;
}

/**
 * The scrollTop that shows row `index` whole while moving as little as
 * possible (like `scrollIntoView({block: "nearest"})`): unchanged when it is
 * already in view. `pad` keeps a little of the next row showing past it.
 */
export function revealRow(index: number, view: Viewport, rowHeight: number, pad = 0): number {
  const offset = view.offset ?? 0;
  const rowTop = offset + index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop - pad < view.scrollTop) return Math.max(0, rowTop - pad);
  if (rowBottom + pad > view.scrollTop + view.height) return Math.max(0, rowBottom + pad - view.height);
  return view.scrollTop;
}

/** How many whole rows fit in the viewport (Page Up / Page Down move by this). */
export function rowsPerView(height: number, rowHeight: number): number {
  return Math.max(1, Math.floor(height / rowHeight));
}

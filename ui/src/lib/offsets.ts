// Offsets between the core and the DOM. The core counts Unicode code points
// (Rust `char`s); JavaScript strings and DOM ranges count UTF-16 code units,
// in which an astral character such as an emoji takes two. Every conversion
// goes through this module.

/** Whether the UTF-16 unit at `i` is the first half of a surrogate pair. */
function isPairAt(text: string, i: number): boolean {
  const hi = text.charCodeAt(i);
  if (hi < 0xd800 || hi > 0xdbff || i + 1 >= text.length) return false;
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff;
}

/**
 * Converts between code point and UTF-16 offsets of one text. Built once per
 * text; a text without astral characters (most articles) converts for free.
 */
export class OffsetMap {
  readonly text: string;
  /** UTF-16 index of the first half of every surrogate pair, ascending. */
  readonly #pairs: number[] = [];
  /** Length of the text in code points. */
  readonly length: number;

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      if (isPairAt(text, i)) {
        this.#pairs.push(i);
        i++;
      }
    }
    this.length = text.length - this.#pairs.length;
  }

  /** The UTF-16 offset of code point offset `cp`, clamped to the text. */
  toUtf16(cp: number): number {
    const c = Math.max(0, Math.min(this.length, Math.trunc(cp)));
    // Each pair before the target adds one unit. The k-th pair (0-based)
    // starts at code point pairs[k] - k.
    let lo = 0;
    let hi = this.#pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#pairs[mid] - mid < c) lo = mid + 1;
      else hi = mid;
    }
    return c + lo;
  }

  /**
   * The code point offset of UTF-16 offset `u16`, clamped to the text. An
   * offset in the middle of a surrogate pair counts as the character's start.
   */
  toCodePoint(u16: number): number {
    const u = Math.max(0, Math.min(this.text.length, Math.trunc(u16)));
    // How many pairs start before u.
    let lo = 0;
    let hi = this.#pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#pairs[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    // Each pair wholly before u takes one extra unit; an offset inside a
    // pair lands on that pair's own code point, which the same count gives.
    return u - lo;
  }

  /** The text of the code point span `[start, end)`. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** Code point offset → UTF-16 offset in `text`. */
export function codePointToUtf16(text: string, cp: number): number {
  return new OffsetMap(text).toUtf16(cp);
}

/** UTF-16 offset → code point offset in `text`. */
export function utf16ToCodePoint(text: string, u16: number): number {
  return new OffsetMap(text).toCodePoint(u16);
}

/** The number of code points in `text`. */
export function codePointLength(text: string): number {
  return new OffsetMap(text).length;
}

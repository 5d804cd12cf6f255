// Code point ↔ UTF-16 offsets: the core counts chars, the DOM counts units.
import { describe, expect, test } from "vitest";
import { OffsetMap, codePointLength, codePointToUtf16, utf16ToCodePoint } from "./offsets";

describe("offsets", () => {
  test("plain text (BMP only) converts to itself", () => {
    const text = "Zelenskyy said “legally binding” — Kyiv";
    for (let i = 0; i <= text.length; i++) {
      expect(codePointToUtf16(text, i)).toBe(i);
      expect(utf16ToCodePoint(text, i)).toBe(i);
    }
    expect(codePointLength(text)).toBe(text.length);
  });

  test("an emoji is one code point and two UTF-16 units", () => {
    const text = "a😀b🇺🇦c";
    // Code points: a, 😀, b, 🇺, 🇦, c  → 6; UTF-16 units: 1+2+1+2+2+1 = 9.
    const map = new OffsetMap(text);
    expect(map.length, "a flag is two regional-indicator code points").toBe(6);
    expect([0, 1, 2, 3, 4, 5, 6].map((cp) => map.toUtf16(cp))).toEqual([0, 1, 3, 4, 6, 8, 9]);
    expect([0, 1, 3, 4, 6, 8, 9].map((u) => map.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(map.slice(1, 2), "slicing by code points keeps the emoji whole").toBe("😀");
    expect(map.slice(3, 5)).toBe("🇺🇦");
  });

  test("a UTF-16 offset inside a surrogate pair counts as that character's start", () => {
    const text = "x😀y";
    expect(utf16ToCodePoint(text, 2), "between the halves of 😀").toBe(1);
    expect(utf16ToCodePoint(text, 3)).toBe(2);
  });

  test("offsets out of range are clamped to the text", () => {
    const text = "😀😀";
    expect(codePointToUtf16(text, -3)).toBe(0);
    expect(codePointToUtf16(text, 99)).toBe(4);
    expect(utf16ToCodePoint(text, 99)).toBe(2);
  });

  test("round trip at every code point of a mixed text", () => {
    const text = "Ukraine 🇺🇦 would drop 𝐍𝐀𝐓𝐎 bid, 🤝 said Зеленський";
    const map = new OffsetMap(text);
    expect(map.length).toBe([...text].length);
    for (let cp = 0; cp <= map.length; cp++) {
      expect(map.toCodePoint(map.toUtf16(cp))).toBe(cp);
      expect(map.slice(cp, cp + 1)).toBe([...text][cp] ?? "");
    }
  });

  test("a lone surrogate counts as one code point, like Rust's replacement", () => {
    const text = "a\ud83db";
    expect(codePointLength(text)).toBe(3);
    expect(codePointToUtf16(text, 2)).toBe(2);
  });
});

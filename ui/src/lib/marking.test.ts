// The pure parts of marking claims: what Accept sends, and parsing of fields.
import { describe, expect, test } from "vitest";
import { matchPersons, parseTags, stripQuotes, suggestionPayload, truncate } from "./marking";
import { suggestion } from "../tests/fixtures";
import type { PersonInfo } from "./bindings/PersonInfo";

describe("suggestionPayload", () => {
  test("accepting builds one create_claim with the quote as statement and the hints on the appearance", () => {
    expect(suggestionPayload("a1", 1, suggestion)).toEqual({
      claim: {
        statement: "we are ready to drop the NATO bid for legally binding guarantees",
        claimant: "Volodymyr Zelenskyy",
        condition: null,
        note: null,
        tags: [],
      },
      appearance: {
        article_id: "a1",
        revision: 1,
        start: 120,
        end: 198,
        kind: "direct_quote",
        speaker: "Volodymyr Zelenskyy",
        stated_at: "2025-12-14",
        venue: "WhatsApp chat with reporters",
        attribution: suggestion.hints.attribution,
      },
    });
  });

  test("without a resolved speaker in the hints, the suggestion's speaker claims it", () => {
    const s = { ...suggestion, hints: { ...suggestion.hints, speaker: null } };
    const { claim, appearance } = suggestionPayload("a1", 1, s);
    expect(claim.claimant).toBe("Zelenskyy");
    expect(appearance.speaker).toBe("Zelenskyy");
  });
});

describe("fields", () => {
  test.each([
    ["“legally binding”", "legally binding"],
    ['"we will not give up land,"', "we will not give up land"],
    ["«garanties»", "garanties"],
    ["no quotes here", "no quotes here"],
    ["  ‘single’  ", "single"],
  ])("stripQuotes(%s)", (input, expected) => {
    expect(stripQuotes(input)).toBe(expected);
  });

  test("tags: trimmed, no empties, no repeats whatever the case", () => {
    expect(parseTags(" nato, guarantees,, NATO ,ukraine ")).toEqual(["nato", "guarantees", "ukraine"]);
  });

  test("persons match on names and aliases, names first", () => {
    const persons: PersonInfo[] = [
      { id: "1", name: "Volodymyr Zelenskyy", aliases: ["Zelensky", "the Ukrainian president"], description: null, claims: 3 },
      { id: "2", name: "Friedrich Merz", aliases: ["the German chancellor"], description: null, claims: 1 },
    ];
    expect(matchPersons(persons, "ukrainian pres").map((p) => p.id)).toEqual(["1"]);
    expect(matchPersons(persons, "chancellor").map((p) => p.id)).toEqual(["2"]);
    expect(matchPersons(persons, "").length).toBe(2);
  });

  test("truncate cuts on a word with an ellipsis", () => {
    expect(truncate("Ukraine would drop its NATO bid", 20)).toBe("Ukraine would drop…");
    expect(truncate("short", 20)).toBe("short");
  });
});

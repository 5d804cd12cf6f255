// The review UI's pure helpers: comment mentions split by the core's rule,
// the "@" being typed, History grouped by change and what an event changed.
import { describe, expect, test } from "vitest";
import { fieldChanges, groupHistory, insertMention, mentionCandidates, mentionParts, paragraphs, scalePosition, typedMention } from "./review";
import { editor, historyEntry, reporter } from "../tests/review";

const dana = { ...editor, name: "Dana", initials: "D", id: "u3" };
const users = [reporter, editor, dana];

describe("mentions", () => {
  test("a name (the longest that fits, any case) or initials after @ is a mention; text around stays text", () => {
    const parts = mentionParts("@Dana Okafor please check, cc @r and @dana.", users);
    expect(parts.map((p) => [p.text, p.mention?.id ?? null])).toEqual([
      ["@Dana Okafor", "u2"],
      [" please check, cc ", null],
      ["@r", "u1"],
      [" and ", null],
      ["@dana", "u3"],
      [".", null],
    ]);
  });

  test("an e-mail address and a longer word are not mentions", () => {
    expect(mentionParts("mail dana@Dana.org or @Danae", users).every((p) => p.mention === null)).toBe(true);
    expect(mentionParts("mail dana@Dana.org or @Danae", users).map((p) => p.text).join("")).toBe("mail dana@Dana.org or @Danae");
  });

  test("the @word before the caret opens the picker; a finished line or an e-mail does not", () => {
    expect(typedMention("ask @Da", 7)).toEqual({ start: 4, query: "Da" });
    expect(typedMention("ask @Dana Ok", 12)).toEqual({ start: 4, query: "Dana Ok" });
    expect(typedMention("a@b", 3)).toBeNull();
    expect(typedMention("@Dana\nnext", 10)).toBeNull();
    expect(mentionCandidates("ok", users).map((u) => u.id)).toEqual(["u2"]);
    expect(mentionCandidates("", users)).toHaveLength(3);
  });

  test("picking puts the full name and a space in place of what was typed", () => {
    expect(insertMention("ask @da now", 4, 7, editor)).toEqual({ text: "ask @Dana Okafor now", caret: 17 });
  });
});

describe("history and verdicts", () => {
  test("events of one write are one entry; Undo and Redo are marked", () => {
    const groups = groupHistory([
      historyEntry({ id: "e1", write_id: "w1" }),
      historyEntry({ id: "e2", write_id: "w2", action: "propose" }),
      historyEntry({ id: "e3", write_id: "w2", entity: "verdict", action: "create" }),
      historyEntry({ id: "e4", write_id: "w3", action: "undo_propose" }),
      historyEntry({ id: "e5", write_id: "w4", action: "redo_propose" }),
    ]);
    expect(groups.map((g) => g.entries.map((e) => e.id))).toEqual([["e1"], ["e2", "e3"], ["e4"], ["e5"]]);
    expect(groups.map((g) => g.undo)).toEqual([null, null, "undo", "redo"]);
    const claimFirst = groupHistory([historyEntry({ id: "v", write_id: "w", entity: "verdict" }), historyEntry({ id: "c", write_id: "w", action: "propose" })]);
    expect(claimFirst[0].entries.map((e) => e.id), "the claim's event heads its change").toEqual(["c", "v"]);
  });

  test("what changed: differing fields only, user ids as names, empty as a dash", () => {
    expect(
      fieldChanges(
        { state: "in_review", assignee_id: "u1", reopen_reason: null, updated_at: "x" },
        { state: "proposed", assignee_id: "u2", reopen_reason: null, updated_at: "y" },
        users,
      ),
    ).toEqual([
      { field: "state", before: "In review", after: "Proposed" },
      { field: "assignee", before: "Reporter", after: "Dana Okafor" },
    ]);
    expect(fieldChanges(null, { tags: [], note: "n", rating: "mostly_false", verdict_id: "01a21d1c-c92c-72c0-9063-94514d77f2c9", proposed_at: "2026" })).toEqual([
      { field: "note", before: "—", after: "n" },
      { field: "rating", before: "—", after: "Mostly false" },
    ]);
  });

  test("rationale paragraphs and the scale's order", () => {
    expect(paragraphs("One.\n\nTwo\nThree\n")).toEqual(["One.", "Two", "Three"]);
    expect(scalePosition("true")).toBe(0);
    expect(scalePosition("false")).toBe(5);
    expect(scalePosition("not_checkable")).toBeNull();
  });
});

// Marking claims: the pure parts, kept apart from components so they can be
// tested alone. Labels for appearance kinds and anchor states, the payload
// that accepting a suggestion sends, and parsing of what a person typed.

import type { AnchorState } from "./bindings/AnchorState";
import type { AppearanceFields } from "./bindings/AppearanceFields";
import type { AppearanceHints } from "./bindings/AppearanceHints";
import type { AppearanceKind } from "./bindings/AppearanceKind";
import type { AttributionStep } from "./bindings/AttributionStep";
import type { ClaimFields } from "./bindings/ClaimFields";
import type { PersonInfo } from "./bindings/PersonInfo";
import type { Suggestion } from "./bindings/Suggestion";

export const KINDS: readonly [AppearanceKind, string][] = [
  ["direct_quote", "Direct quote"],
  ["paraphrase", "Paraphrase"],
  ["headline", "Headline"],
  ["summary", "Summary"],
];

export function kindLabel(kind: AppearanceKind): string {
  return KINDS.find(([k]) => k === kind)?.[1] ?? kind;
}

export function anchorLabel(state: AnchorState): string {
  return { anchored: "In place", moved: "Moved", needs_review: "Needs review", orphaned: "Orphaned" }[state];
}

const OPENING = "\"'“”‘’„‚«»‹›";
const CLOSING = "\"'“”‘’«»‹›";

/**
 * A quotation as a statement: without the quote marks that enclose it, and
 * without the comma or colon a quote often ends on inside its marks
 * (“… legally binding,” he said).
 */
export function stripQuotes(text: string): string {
  let s = text.trim();
  if (s.length > 0 && OPENING.includes(s[0])) s = s.slice(1);
  if (s.length > 0 && CLOSING.includes(s[s.length - 1])) s = s.slice(0, -1);
  s = s.trim().replace(/[,;:]+$/, "");
  return s.trim();
}

/** Tags typed as "nato, guarantees ,  ukraine": trimmed, no empties, no repeats. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim();
    if (tag !== "" && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

/** An optional text field: `null` when only whitespace was typed. */
export function optional(text: string | null | undefined): string | null {
  const t = (text ?? "").trim();
  return t === "" ? null : t;
}

/** The editable fields of an appearance, as the forms hold them. */
export type AppearanceDraft = {
  kind: AppearanceKind;
  speaker: string;
  stated_at: string;
  venue: string;
  attribution: AttributionStep[];
};

/** The editable fields of a claim, as the forms hold them. */
export type ClaimDraft = {
  statement: string;
  claimant: string;
  condition: string;
  tags: string;
  note: string;
};

export function emptyAppearanceDraft(): AppearanceDraft {
  return { kind: "paraphrase", speaker: "", stated_at: "", venue: "", attribution: [] };
}

/** Appearance fields prefilled from what the text suggests. */
export function appearanceDraftFromHints(hints: AppearanceHints | null): AppearanceDraft {
  if (!hints) return emptyAppearanceDraft();
  return {
    kind: hints.kind,
    speaker: hints.speaker ?? "",
    stated_at: hints.stated_at ?? "",
    venue: hints.venue ?? "",
    attribution: hints.attribution.map((s) => ({ ...s })),
  };
}

export function claimFieldsOf(draft: ClaimDraft): ClaimFields {
  return {
    statement: draft.statement.trim(),
    claimant: optional(draft.claimant),
    condition: optional(draft.condition),
    note: optional(draft.note),
    tags: parseTags(draft.tags),
  };
}

export function appearanceFieldsOf(
  articleId: string,
  revision: number,
  start: number,
  end: number,
  draft: AppearanceDraft,
): AppearanceFields {
  return {
    article_id: articleId,
    revision,
    start,
    end,
    kind: draft.kind,
    speaker: optional(draft.speaker),
    stated_at: optional(draft.stated_at),
    venue: optional(draft.venue),
    attribution: draft.attribution
      .map((s) => ({ ...s, name: s.name.trim() }))
      .filter((s) => s.name !== ""),
  };
}

/**
 * What "Accept" on a suggestion creates, in one call: a claim worded as the
 * quote without its quote marks, claimed by the speaker, with the suggested
 * span as its first appearance carrying the hints' fields.
 */
export function suggestionPayload(
  articleId: string,
  revision: number,
  s: Suggestion,
): { claim: ClaimFields; appearance: AppearanceFields } {
  const speaker = s.hints.speaker ?? s.speaker;
  return {
    claim: { statement: stripQuotes(s.exact), claimant: speaker, condition: null, note: null, tags: [] },
    appearance: {
      article_id: articleId,
      revision,
      start: s.start,
      end: s.end,
      kind: s.hints.kind ?? s.kind,
      speaker,
      stated_at: s.hints.stated_at,
      venue: s.hints.venue,
      attribution: s.hints.attribution.map((step) => ({ ...step })),
    },
  };
}

/** Persons whose name or an alias contains every word typed, names first. */
export function matchPersons(persons: readonly PersonInfo[], text: string, limit = 6): PersonInfo[] {
  const words = text.toLowerCase().split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return persons.slice(0, limit);
  const scored: [number, PersonInfo][] = [];
  for (const p of persons) {
    const name = p.name.toLowerCase();
    const all = [name, ...p.aliases.map((a) => a.toLowerCase())].join(" | ");
    if (!words.every((w) => all.includes(w))) continue;
    scored.push([words.every((w) => name.includes(w)) ? 0 : 1, p]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([, p]) => p);
}

/** Whether `text` names a known person exactly (name or alias, any case). */
export function knownPerson(persons: readonly PersonInfo[], text: string): PersonInfo | undefined {
  const t = text.trim().toLowerCase();
  if (t === "") return undefined;
  return persons.find((p) => p.name.toLowerCase() === t || p.aliases.some((a) => a.toLowerCase() === t));
}

/** The text shortened to `max` characters with an ellipsis, on a word boundary when near. */
export function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + "…";
}

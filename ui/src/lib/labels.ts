// Human words for the core's names: review states, verdict ratings and the
// relations between claims, read from either side of a link.

import type { LinkRelation } from "./bindings/LinkRelation";
import type { MatchKind } from "./bindings/MatchKind";

/** The verdict scale (schema.org ClaimReview text ratings), as the core names them. */
export const VERDICTS: readonly [string, string][] = [
  ["true", "True"],
  ["mostly_true", "Mostly true"],
  ["mixed", "Mixed"],
  ["misleading", "Misleading"],
  ["mostly_false", "Mostly false"],
  ["false", "False"],
  ["unsubstantiated", "Unsubstantiated"],
  ["not_checkable", "Not checkable"],
];

export function verdictLabel(rating: string): string {
  return VERDICTS.find(([v]) => v === rating)?.[1] ?? rating.replace(/_/g, " ");
}

const REVIEW: Record<string, string> = {
  unreviewed: "Unreviewed",
  in_review: "In review",
  proposed: "Proposed",
  approved: "Approved",
  reopened: "Reopened",
};

export function reviewLabel(state: string): string {
  return REVIEW[state] ?? state.replace(/_/g, " ");
}

/**
 * Each relation as the `from` claim says it ("updates / supersedes"), and as
 * the `to` claim sees it ("updated / superseded by"). Symmetric relations
 * read the same both ways.
 */
export const RELATIONS: readonly { relation: LinkRelation; forward: string; backward: string }[] = [
  { relation: "same_as", forward: "same claim as", backward: "same claim as" },
  { relation: "supports", forward: "supports", backward: "supported by" },
  { relation: "contradicts", forward: "contradicts", backward: "contradicts" },
  { relation: "updates", forward: "updates / supersedes", backward: "updated / superseded by" },
  { relation: "retracts", forward: "retracts", backward: "retracted by" },
  { relation: "clarifies", forward: "clarifies", backward: "clarified by" },
  { relation: "responds_to", forward: "responds to", backward: "responded to by" },
];

export function isSymmetric(relation: LinkRelation): boolean {
  return relation === "same_as" || relation === "contradicts";
}

/** A link's relation phrased from one claim's side: "updates →", "← updated by", "contradicts". */
export function relationFrom(relation: LinkRelation, outgoing: boolean): string {
  const r = RELATIONS.find((x) => x.relation === relation);
  if (!r) return relation;
  if (isSymmetric(relation)) return r.forward;
  return outgoing ? `${r.forward} →` : `← ${r.backward}`;
}

/** How a hit matched its quote (`match` in `matches --json`), as a reader says it. */
export function matchLabel(kind: MatchKind): string {
  switch (kind) {
    case "verbatim":
      return "Same words";
    case "near":
      return "Near copy";
    case "partial":
      return "Partial quote";
    case "paraphrase":
      return "Same meaning";
    case "translation":
      return "Translation";
  }
}

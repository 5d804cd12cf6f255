// Articles, claims, persons and suggestions shaped exactly like the generated
// bindings, for tests.
import type { MeaningStatus } from "../lib/bindings/MeaningStatus";
import type { ArticleDetail } from "../lib/bindings/ArticleDetail";
import type { ArticleSummary } from "../lib/bindings/ArticleSummary";
import type { WorkspaceInfo } from "../lib/bindings/WorkspaceInfo";
import type { AppearanceInfo } from "../lib/bindings/AppearanceInfo";
import type { ClaimInfo } from "../lib/bindings/ClaimInfo";
import type { PersonInfo } from "../lib/bindings/PersonInfo";
import type { Suggestion } from "../lib/bindings/Suggestion";
import type { MatchHit } from "../lib/bindings/MatchHit";
import type { TimelinePoint } from "../lib/bindings/TimelinePoint";

export const workspace: WorkspaceInfo = {
  path: "/home/reporter/Claimtrail/nato-guarantees.claimtrail",
  articles: 2,
  user: { id: "u1", name: "Reporter", initials: "R", color: "#3b6ea5", active: true },
  users: [{ id: "u1", name: "Reporter", initials: "R", color: "#3b6ea5", active: true }],
};

export function summary(overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id: "a1",
    title: "Zelenskyy says Ukraine could drop NATO bid for legally binding guarantees",
    outlet: "ANI",
    byline: "ANI",
    url: "https://www.aninews.in/news/world/europe/zelenskyy-nato-guarantees",
    published_at: "2025-12-15T02:37:00+05:30",
    updated_at: "2025-12-15T03:10:00+05:30",
    dateline: "Kyiv, Ukraine",
    word_count: 412,
    revision: 1,
    imported_at: "2025-12-15T09:00:00Z",
    canonical_url: null,
    wire_credit: "ANI",
    language: "en",
    corrected: [],
    reappearing_claims: 0,
    ...overrides,
  };
}

export function detail(overrides: Partial<ArticleDetail> = {}): ArticleDetail {
  const base = summary(overrides);
  return {
    ...base,
    shown_revision: base.revision,
    body: "Kyiv [Ukraine], December 15 (ANI): Ukrainian President Volodymyr Zelenskyy said...\n\nAl Jazeera reported that the talks continued in Berlin.",
    boilerplate: ["Also Read | Unrelated story"],
    relays: [{ outlet: "Al Jazeera", cue: "Al Jazeera reported" }],
    revisions: [
      {
        id: "r1",
        number: 1,
        title: base.title,
        imported_at: base.imported_at,
        published_at: base.published_at,
        updated_at: base.updated_at,
        word_count: base.word_count,
      },
    ],
    source_format: "text",
    source: "pasted",
    encoding: "utf-8",
    ...overrides,
  };
}

// ---- claims ----

export function appearance(overrides: Partial<AppearanceInfo> = {}): AppearanceInfo {
  return {
    id: "ap1",
    claim_id: "c1",
    article_id: "a1",
    article_title: "Zelenskyy says Ukraine could drop NATO bid",
    outlet: "ANI",
    revision: 1,
    start: 0,
    end: 4,
    exact: "Kyiv",
    prefix: "",
    suffix: "",
    kind: "paraphrase",
    speaker: "Volodymyr Zelenskyy",
    speaker_id: "p1",
    stated_at: "2025-12-14",
    venue: "WhatsApp chat with reporters",
    attribution: [
      { name: "Volodymyr Zelenskyy", kind: "person", cue: null },
      { name: "Al Jazeera", kind: "outlet", cue: "Al Jazeera reported" },
      { name: "ANI", kind: "outlet", cue: null },
    ],
    anchor: "anchored",
    confidence: 1,
    candidate: null,
    previous_exact: null,
    created_by: "Reporter",
    created_at: "2025-12-15T10:00:00Z",
    ...overrides,
  };
}

export function claim(overrides: Partial<ClaimInfo> = {}): ClaimInfo {
  return {
    id: "c1",
    statement: "Ukraine would drop its NATO bid in exchange for legally binding guarantees",
    claimant: "Volodymyr Zelenskyy",
    claimant_id: "p1",
    condition: "if the guarantees are legally binding",
    note: null,
    tags: ["nato"],
    review_state: "unreviewed",
    assignee: null,
    verdict: null,
    created_by: "Reporter",
    created_at: "2025-12-15T10:00:00Z",
    updated_at: "2025-12-15T10:00:00Z",
    appearances: [],
    ...overrides,
  };
}

export function person(overrides: Partial<PersonInfo> = {}): PersonInfo {
  return {
    id: "p1",
    name: "Volodymyr Zelenskyy",
    aliases: ["Zelensky", "the Ukrainian president"],
    description: null,
    claims: 1,
    ...overrides,
  };
}

export const suggestion: Suggestion = {
  start: 120,
  end: 198,
  exact: "“we are ready to drop the NATO bid for legally binding guarantees,”",
  kind: "direct_quote",
  speaker: "Zelenskyy",
  relay: "Al Jazeera",
  score: 0.82,
  reasons: ["direct quote", "condition"],
  hints: {
    kind: "direct_quote",
    speaker: "Volodymyr Zelenskyy",
    speaker_id: "p1",
    stated_at: "2025-12-14",
    stated_cue: "on Sunday",
    venue: "WhatsApp chat with reporters",
    relay: "Al Jazeera",
    attribution: [
      { name: "Volodymyr Zelenskyy", kind: "person", cue: null },
      { name: "Al Jazeera", kind: "outlet", cue: "Al Jazeera reported" },
      { name: "ANI", kind: "outlet", cue: null },
    ],
  },
};

// ---- find everywhere and the timeline ----

/** Matching by meaning on, every article read. */
export const meaningOn: MeaningStatus = { on: true, reason: null, embedded: 3, waiting: 0, statements: 12 };

export function matchHit(overrides: Partial<MatchHit> = {}): MatchHit {
  return {
    claim_id: "c1",
    source_appearance_id: "ap1",
    article_id: "a2",
    article_title: "Zelensky: Ukraine could drop NATO bid",
    outlet: "Kyiv Independent",
    published_at: "2025-12-15T09:12:00+02:00",
    revision: 1,
    start: 40,
    end: 110,
    exact: "we are ready to drop the NATO bid for legally binding guarantees",
    before: "President Volodymyr Zelensky said: “",
    after: ",” he told reporters.",
    similarity: 1,
    verbatim: true,
    match: "verbatim",
    partial: null,
    source_exact: "we are ready to drop the NATO bid for legally binding guarantees",
    diff: [],
    hints: {
      kind: "direct_quote",
      speaker: "Volodymyr Zelenskyy",
      speaker_id: "p1",
      stated_at: "2025-12-14",
      stated_cue: "on Sunday",
      venue: null,
      relay: null,
      attribution: [
        { name: "Volodymyr Zelenskyy", kind: "person", cue: null },
        { name: "Kyiv Independent", kind: "outlet", cue: null },
      ],
    },
    ...overrides,
  };
}

export function timelinePoint(overrides: Partial<TimelinePoint> = {}): TimelinePoint {
  return {
    appearance_id: "ap1",
    claim_id: "c1",
    statement: "Ukraine would drop its NATO bid in exchange for legally binding guarantees",
    claimant: "Volodymyr Zelenskyy",
    article_id: "a1",
    article_title: "Zelenskyy says Ukraine could drop NATO bid",
    outlet: "ANI",
    url: "https://www.aninews.in/news/world/europe/zelenskyy-nato-guarantees",
    exact: "we are ready to drop the NATO bid",
    kind: "direct_quote",
    speaker: "Volodymyr Zelenskyy",
    attribution: [
      { name: "Volodymyr Zelenskyy", kind: "person", cue: null },
      { name: "ANI", kind: "outlet", cue: null },
    ],
    stated_at: "2025-12-14T18:00:00+02:00",
    published_at: "2025-12-15T02:37:00+05:30",
    at: "2025-12-14T18:00:00+02:00",
    at_ms: Date.parse("2025-12-14T18:00:00+02:00"),
    at_fallback: false,
    first: true,
    change: null,
    anchor: "anchored",
    ...overrides,
  };
}

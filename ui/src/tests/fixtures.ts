// Articles shaped exactly like the generated bindings, for tests.
import type { ArticleDetail } from "../lib/bindings/ArticleDetail";
import type { ArticleSummary } from "../lib/bindings/ArticleSummary";
import type { WorkspaceInfo } from "../lib/bindings/WorkspaceInfo";

export const workspace: WorkspaceInfo = {
  path: "/home/reporter/Claimtrail/nato-guarantees.claimtrail",
  articles: 2,
  user: { id: "u1", name: "Reporter" },
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

// The Export dialog's formats and wording, apart from the component so tests
// and the annotation results can use them.
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { ExportScope } from "../../bindings/ExportScope";
import type { AnnotationOutcome } from "../../bindings/AnnotationOutcome";

export type ScopeKind = "claim" | "person" | "storyline" | "workspace";

/** The formats in the order the dialog offers them, with a line on what each is for. */
export const FORMATS: { format: ExportFormat; label: string; description: string }[] = [
  { format: "html", label: "HTML report", description: "To read, print or send; works offline" },
  { format: "csv", label: "CSV", description: "For spreadsheets: a row per appearance" },
  { format: "timelinejs", label: "TimelineJS", description: "A timeline for the web (JSON)" },
  { format: "timelinejs-csv", label: "TimelineJS sheet", description: "TimelineJS's Google Sheets columns" },
  { format: "claimreview", label: "ClaimReview", description: "For publishing verdicts (approved only)" },
  { format: "annotations", label: "Web Annotations", description: "Each quote on its page (W3C, Hypothesis)" },
  { format: "md", label: "Markdown", description: "Text with headings, for notes and wikis" },
  { format: "json", label: "JSON", description: "Everything, in the documented schema" },
];

export function scopeKind(scope: ExportScope): ScopeKind {
  if (scope === "workspace") return "workspace";
  if ("claim" in scope) return "claim";
  if ("person" in scope) return "person";
  return "storyline";
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 claims, 7 appearances". */
export function countsLabel(claims: number, appearances: number): string {
  return `${plural(claims, "claim", "claims")}, ${plural(appearances, "appearance", "appearances")}`;
}

/** "2 imported, 1 already there, 1 skipped", leaving out what did not happen. */
export function annotationCounts(results: AnnotationOutcome[]): string {
  const n = (status: string) => results.filter((r) => r.status === status).length;
  const parts = [
    [n("imported"), "imported"],
    [n("duplicate"), "already there"],
    [n("skipped"), "skipped"],
  ]
    .filter(([count]) => count !== 0)
    .map(([count, what]) => `${count} ${what}`);
  const summary = parts.length ? parts.join(", ") : "The file held no annotations";
  const failed = results.find((r) => r.status === "failed");
  return failed
    ? `${summary}. The import stopped at annotation ${failed.index}: the workspace failed, and the annotations after it were not tried. Import the file again once it is fixed; those already in are recognised.`
    : summary;
}

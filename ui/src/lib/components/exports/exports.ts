// The Export dialog's formats and wording, apart from the component so tests
// and the annotation results can use them.
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { ExportScope } from "../../bindings/ExportScope";
import type { AnnotationOutcome } from "../../bindings/AnnotationOutcome";
import type { SearchQuery } from "../../bindings/SearchQuery";
import type { TimeBasis } from "../../bindings/TimeBasis";
import { verdictLabel } from "../../labels";

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

/** The Export dialog's filters (the same as search's, within the scope); "" means not set. */
export type ExportFilters = {
  text: string;
  outlet: string;
  verdict: string;
  tag: string;
  from: string;
  to: string;
  dateBy: TimeBasis;
};

export function noExportFilters(): ExportFilters {
  return { text: "", outlet: "", verdict: "", tag: "", from: "", to: "", dateBy: "stated" };
}

/** Whether a date field holds something to send: nothing, a day (2025-12-14) or a time (2025-12-14T18:30…). */
export function isWholeDate(text: string): boolean {
  const t = text.trim();
  return t === "" || /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}.*)?$/.test(t);
}

/**
 * The `filter` of an export request, or null when nothing narrows. A date
 * still being typed is left out (the dialog marks it and holds Save back);
 * `date_by` goes along only with a date.
 */
export function exportFilter(f: ExportFilters): SearchQuery | null {
  const query: SearchQuery = { text: f.text.trim() };
  let narrows = query.text !== "";
  const set = (key: "outlet" | "verdict" | "tag" | "from" | "to", value: string) => {
    const v = value.trim();
    if (v === "" || ((key === "from" || key === "to") && !isWholeDate(v))) return;
    query[key] = v;
    narrows = true;
  };
  set("outlet", f.outlet);
  set("verdict", f.verdict);
  set("tag", f.tag);
  set("from", f.from);
  set("to", f.to);
  if (query.from !== undefined || query.to !== undefined) query.date_by = f.dateBy;
  return narrows ? query : null;
}

/** The active filters in a few words each: “nato” · ANI · False · tag nato · 2025-12-01 to 2025-12-15, said. */
export function filterSummary(f: ExportFilters): string[] {
  const parts: string[] = [];
  if (f.text.trim()) parts.push(`“${f.text.trim()}”`);
  if (f.outlet.trim()) parts.push(f.outlet.trim());
  if (f.verdict.trim()) parts.push(verdictLabel(f.verdict.trim()));
  if (f.tag.trim()) parts.push(`tag ${f.tag.trim()}`);
  const from = f.from.trim();
  const to = f.to.trim();
  if (from || to) {
    const span = from && to ? `${from} to ${to}` : from ? `from ${from}` : `until ${to}`;
    parts.push(`${span}, ${f.dateBy === "published" ? "published" : "said"}`);
  }
  return parts;
}

/** The user's time zone ("Europe/Berlin"), on whose clock timelines are placed by default. */
export function userZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

/** The time zones the browser knows, for the zone field's suggestions. */
export function knownZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}

/** Which of the format's options the Export dialog shows. */
export function formatOptions(format: ExportFormat): { bom: boolean; group: boolean; zone: boolean; unapproved: boolean } {
  const timeline = format === "timelinejs" || format === "timelinejs-csv";
  return {
    bom: format === "csv",
    group: timeline,
    zone: timeline || format === "html",
    unapproved: timeline || format === "html" || format === "md" || format === "csv",
  };
}
